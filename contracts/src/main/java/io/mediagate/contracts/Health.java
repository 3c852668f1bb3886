package io.mediagate.contracts;

/** Result of a cheap authenticated vendor call: up with the vendor's account id when it names one. */
public record Health(boolean up, String account, String detail) {
    public static Health up(String account) {
        return new Health(true, account, null);
    }
}

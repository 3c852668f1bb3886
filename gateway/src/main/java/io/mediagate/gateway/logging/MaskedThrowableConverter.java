package io.mediagate.gateway.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback {@code %maskEx}: stack traces with secrets removed from every exception message. */
public class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return SecretMasker.mask(super.throwableProxyToString(tp));
    }
}

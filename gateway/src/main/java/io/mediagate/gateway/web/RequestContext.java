package io.mediagate.gateway.web;

import org.springframework.web.server.ServerWebExchange;

/** Exchange attributes the gateway sets while handling a request, read back by problem rendering and logs. */
public final class RequestContext {
    public static final String REQUEST_ID = "mediagate.requestId";
    public static final String CONNECTION = "mediagate.connection";
    public static final String VENDOR = "mediagate.vendor";
    public static final String CLIENT = "mediagate.client";

    private RequestContext() {}

    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(REQUEST_ID);
    }
}

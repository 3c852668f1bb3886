package io.mediagate.gateway.web.edge;

import io.netty.channel.ChannelPipeline;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;

/**
 * Puts a {@link RequestHeadGuard} in front of every HTTP/1.1 connection's decoder (and a response tracker behind
 * it). Netty's own limits are set above the guard's, so the guard, which answers with problems, always decides.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
public class EdgeConfiguration {
    static final String GUARD = "mediagate.requestHeadGuard";
    static final String TRACKER = "mediagate.responseTracker";

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> requestHeadGuard(
            EdgeProperties p, @Value("${server.max-http-request-header-size:16KB}") DataSize headerSize) {
        EdgeLimits limits = new EdgeLimits(
                (int) p.maxRequestLine().toBytes(), (int) headerSize.toBytes(), p.headerReadTimeout(), p.idleTimeout());
        return new Customizer(limits);
    }

    /** Runs after Boot's own customizers, so its decoder settings are the ones in force. */
    private record Customizer(EdgeLimits limits)
            implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {
        @Override
        public void customize(NettyReactiveWebServerFactory factory) {
            factory.addServerCustomizers(server -> server.httpRequestDecoder(
                            spec -> spec.maxInitialLineLength(limits.maxRequestLine() + 1024)
                                    .maxHeaderSize(limits.maxRequestLine() + limits.maxHeaderBytes() + 1024)
                                    .validateHeaders(true))
                    .doOnChannelInit((observer, channel, address) -> {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
                            return;
                        }
                        RequestHeadGuard guard = new RequestHeadGuard(limits);
                        pipeline.addBefore(NettyPipeline.HttpCodec, GUARD, guard);
                        pipeline.addAfter(
                                NettyPipeline.HttpCodec,
                                TRACKER,
                                new RequestHeadGuard.ResponseTracker(guard, pipeline.context(GUARD)));
                    }));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

package io.mediagate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ChainedFiltersTest {
    private final List<String> ran = new ArrayList<>();

    /** A filter that notes its name when it runs, then goes on. */
    private final class Noting extends NamedWebFilter {
        private final String note;

        Noting(String note) {
            this.note = note;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            ran.add(note);
            return chain.filter(exchange);
        }
    }

    private static ServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/v1/connections"));
    }

    @Test
    void runsEveryFilterInOrderThenTheRestOfTheChain() {
        ChainedFilters chained = new ChainedFilters(List.of(new Noting("a"), new Noting("b"), new Noting("c")));
        chained.filter(exchange(), e -> Mono.fromRunnable(() -> ran.add("handler")))
                .block();
        assertThat(ran).containsExactly("a", "b", "c", "handler");
    }

    @Test
    void aFilterThatStopsTheRequestStopsTheRestAsWebFluxsChainWould() {
        NamedWebFilter refusing = new NamedWebFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                ran.add("refusing");
                // the rest of the chain is assembled, but never subscribed: nothing behind it may run
                return Mono.<Void>error(new IllegalStateException("refused")).then(chain.filter(exchange));
            }
        };
        ChainedFilters chained = new ChainedFilters(List.of(new Noting("a"), refusing, new Noting("b")));
        StepVerifier.create(chained.filter(exchange(), e -> Mono.fromRunnable(() -> ran.add("handler"))))
                .expectErrorMessage("refused")
                .verify();
        assertThat(ran).containsExactly("a", "refusing");
    }

    @Test
    void onlyNeighbouringFiltersOfOursAreChainedAndTheOrderHolds() {
        WebFilter foreign = (exchange, chain) -> chain.filter(exchange);
        Noting first = new Noting("first");
        Noting second = new Noting("second");
        Noting third = new Noting("third");
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.webHandler(e -> Mono.empty())
                .filters(f -> f.addAll(List.of(first, foreign, second, third)));
        ChainedFilters.inServer().customize(builder);
        List<WebFilter> filters = new ArrayList<>();
        builder.filters(filters::addAll);
        assertThat(filters).hasSize(3);
        assertThat(filters.get(0)).isSameAs(first);
        assertThat(filters.get(1)).isSameAs(foreign);
        assertThat(filters.get(2))
                .isInstanceOfSatisfying(
                        ChainedFilters.class, c -> assertThat(c.filters()).containsExactly(second, third));
    }
}

package io.mediagate.gateway.web.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sits in front of Netty's HTTP decoder and lets only well-formed HTTP/1.x reach it: the decoder answers what it
 * cannot parse with an empty 400/414/431, and accepts much that RFC 9112 says to refuse. A request head is held
 * (it is small, bounded by the limits) until complete, then checked by {@link RequestHead}; a bad one is answered
 * with a {@code application/problem+json} {@link EdgeProblem} and the connection closed, so nothing after it is
 * misread. Bodies stream through; chunked framing is followed (sizes checked) so the next head on a kept-alive
 * connection is found. A head that is not complete within {@code headerReadTimeout} of its first byte is answered
 * {@code 408} and the connection closed (slowloris); a connection with no request in flight and nothing sent is
 * closed after {@code idleTimeout}. One instance per connection.
 */
public final class RequestHeadGuard extends ChannelDuplexHandler {
    private enum State {
        HEAD,
        LENGTH,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        DONE
    }

    private final EdgeLimits limits;
    private State state = State.HEAD;
    private byte[] head = new byte[512];
    private int headLength;
    private long remaining;
    private final StringBuilder line = new StringBuilder();
    private int inFlight;
    private boolean responseStarted;
    // one timer per connection, re-armed when it fires before the deadline and moved only when a deadline comes
    // earlier than it: a kept-alive connection changes its deadline several times per request, and scheduling and
    // cancelling a Netty task each time cost ~2 % of a cache hit
    private ScheduledFuture<?> timer;
    private long timerFiresAt;
    private long deadline;
    private boolean deadlineSet;

    public RequestHeadGuard(EdgeLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        schedule(ctx, limits.idleTimeout().toMillis());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadlineSet = false;
        cancelTimer();
        super.channelInactive(ctx);
    }

    /**
     * Reactor Netty reads on demand (auto-read off); a partial head held here reaches no one who would ask for
     * more, so the guard asks itself.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (state == State.HEAD && headLength > 0 && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || state == State.DONE) {
            if (state == State.DONE && msg instanceof ByteBuf b) {
                b.release();
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && state != State.DONE) {
                switch (state) {
                    case HEAD -> readHead(ctx, in);
                    case LENGTH -> {
                        int n = (int) Math.min(remaining, in.readableBytes());
                        ctx.fireChannelRead(in.readRetainedSlice(n));
                        remaining -= n;
                        if (remaining == 0) {
                            nextHead(ctx);
                        }
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, in.readableBytes());
                        ctx.fireChannelRead(in.readRetainedSlice(n));
                        remaining -= n;
                        if (remaining == 0) {
                            state = State.CHUNK_END;
                        }
                    }
                    case CHUNK_SIZE, CHUNK_END, TRAILERS -> readChunkLine(ctx, in);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } finally {
            in.release();
        }
    }

    private void readHead(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        while (in.isReadable()) {
            byte b = in.readByte();
            if (headLength == 0 && (b == '\r' || b == '\n')) {
                // RFC 9112 §2.2: empty lines before a request line are ignored; they are not yet part of a head
                continue;
            }
            if (headLength == 0) {
                schedule(ctx, limits.headerReadTimeout().toMillis());
            }
            if (headLength == head.length) {
                head = Arrays.copyOf(head, head.length * 2);
            }
            head[headLength++] = b;
            EdgeProblem early = RequestHead.earlyProblem(head, headLength, limits);
            if (early != null) {
                refuse(ctx, early);
                return;
            }
            if (headLength >= 4
                    && head[headLength - 1] == '\n'
                    && head[headLength - 2] == '\r'
                    && head[headLength - 3] == '\n'
                    && head[headLength - 4] == '\r') {
                headComplete(ctx);
                return;
            }
        }
        assert in.readerIndex() >= start;
    }

    private void headComplete(ChannelHandlerContext ctx) {
        deadlineSet = false;
        RequestHead parsed = RequestHead.parse(head, headLength, limits);
        if (parsed.problem() != null) {
            refuse(ctx, parsed.problem());
            return;
        }
        inFlight++;
        responseStarted = false;
        byte[] bytes = Arrays.copyOf(head, headLength);
        headLength = 0;
        if (head.length > 8192) {
            head = new byte[512];
        }
        if (parsed.chunked()) {
            state = State.CHUNK_SIZE;
        } else if (parsed.contentLength() > 0) {
            state = State.LENGTH;
            remaining = parsed.contentLength();
        } else {
            state = State.HEAD;
        }
        ctx.fireChannelRead(Unpooled.wrappedBuffer(bytes));
    }

    private void readChunkLine(ChannelHandlerContext ctx, ByteBuf in) {
        int from = in.readerIndex();
        while (in.isReadable()) {
            char c = (char) (in.readByte() & 0xff);
            line.append(c);
            if (line.length() > 4096) {
                badBody(ctx, "a chunk-size or trailer line is too long");
                return;
            }
            if (c != '\n') {
                continue;
            }
            if (line.length() < 2 || line.charAt(line.length() - 2) != '\r') {
                badBody(ctx, "chunked framing lines must end in CRLF");
                return;
            }
            String text = line.substring(0, line.length() - 2);
            line.setLength(0);
            State next;
            switch (state) {
                case CHUNK_SIZE -> {
                    long size = RequestHead.chunkSize(text);
                    if (size < 0) {
                        badBody(ctx, "the chunk size is malformed");
                        return;
                    }
                    remaining = size;
                    next = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_END -> {
                    if (!text.isEmpty()) {
                        badBody(ctx, "a chunk is longer than its size says");
                        return;
                    }
                    next = State.CHUNK_SIZE;
                }
                default -> { // TRAILERS
                    if (!text.isEmpty() && !RequestHead.validField(text)) {
                        badBody(ctx, "a trailer field is malformed");
                        return;
                    }
                    next = text.isEmpty() ? State.HEAD : State.TRAILERS;
                }
            }
            // checked before the decoder sees it, so the decoder never answers on its own
            ctx.fireChannelRead(in.retainedSlice(from, in.readerIndex() - from));
            if (next == State.HEAD) {
                nextHead(ctx);
            } else {
                state = next;
            }
            return;
        }
        if (in.readerIndex() > from) {
            ctx.fireChannelRead(in.retainedSlice(from, in.readerIndex() - from));
        }
    }

    /** The body's framing is broken: answer if nothing has been answered yet, and close either way. */
    private void badBody(ChannelHandlerContext ctx, String detail) {
        if (!responseStarted) {
            refuse(ctx, new EdgeProblem(400, "malformed-request", "Bad request", detail));
        } else {
            state = State.DONE;
            ctx.close();
        }
    }

    private void nextHead(ChannelHandlerContext ctx) {
        state = State.HEAD;
        if (inFlight == 0) {
            schedule(ctx, limits.idleTimeout().toMillis());
        }
    }

    private void refuse(ChannelHandlerContext ctx, EdgeProblem problem) {
        state = State.DONE;
        cancelTimer();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(problem.response())).addListener(ChannelFutureListener.CLOSE);
    }

    /** From now on the connection times out {@code millis} from now, unless a later call moves the deadline. */
    private void schedule(ChannelHandlerContext ctx, long millis) {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        deadlineSet = true;
        if (timer == null || timerFiresAt - deadline > 0) {
            cancelTimer();
            arm(ctx, deadline);
        }
    }

    private void arm(ChannelHandlerContext ctx, long at) {
        timerFiresAt = at;
        timer = ctx.executor().schedule(() -> fired(ctx), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void fired(ChannelHandlerContext ctx) {
        timer = null;
        if (!deadlineSet || state == State.DONE) {
            return;
        }
        if (deadline - System.nanoTime() > 0) {
            arm(ctx, deadline);
            return;
        }
        deadlineSet = false;
        timedOut(ctx);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (state != State.HEAD || inFlight > 0 && headLength == 0) {
            return;
        }
        if (headLength > 0) {
            refuse(
                    ctx,
                    new EdgeProblem(
                            408,
                            "request-timeout",
                            "Request timeout",
                            "the request head was not " + "complete within "
                                    + limits.headerReadTimeout().toMillis() + " ms"));
        } else {
            state = State.DONE;
            ctx.close();
        }
    }

    /** Responses are seen here only as bytes; {@link ResponseTracker} tells the guard when one starts and ends. */
    void responseStarted() {
        responseStarted = true;
    }

    void responseDone(ChannelHandlerContext ctx) {
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0 && state == State.HEAD && headLength == 0) {
            schedule(ctx, limits.idleTimeout().toMillis());
        }
    }

    /** Placed after the HTTP codec: reports response boundaries (interim 1xx answers do not count) to the guard. */
    public static final class ResponseTracker extends ChannelDuplexHandler {
        private final RequestHeadGuard guard;
        private final ChannelHandlerContext guardContext;

        public ResponseTracker(RequestHeadGuard guard, ChannelHandlerContext guardContext) {
            this.guard = guard;
            this.guardContext = guardContext;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            boolean interim = msg instanceof HttpResponse r && r.status().code() < 200;
            if (msg instanceof HttpResponse && !interim) {
                guard.responseStarted();
            }
            if (msg instanceof LastHttpContent && !interim) {
                guard.responseDone(guardContext);
            }
            super.write(ctx, msg, promise);
        }
    }

    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}

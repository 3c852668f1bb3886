package io.mediagate.gateway.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console encoder: Boot's pattern layout by default, or one line of JSON per event when
 * {@code logging.structured.format.console} names a structured format ({@code ecs}, {@code logstash},
 * {@code gelf}). Both paths are masked: the pattern through the {@code %mask}/{@code %maskEx} converters, the
 * structured one by handing Boot's encoder a masked message and masking the finished line (which also covers the
 * stack trace Boot renders into it).
 */
public class MaskingConsoleEncoder extends EncoderBase<ILoggingEvent> {
    private String pattern;
    private String format;
    private Charset charset = StandardCharsets.UTF_8;
    private Encoder<ILoggingEvent> delegate;
    private boolean structured;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        structured = format != null && !format.isBlank();
        if (structured) {
            StructuredLogEncoder json = new StructuredLogEncoder();
            json.setFormat(format.trim());
            json.setCharset(charset);
            delegate = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(charset);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (!structured) {
            return delegate.encode(event);
        }
        byte[] line = delegate.encode(new MaskedLoggingEvent(event));
        return SecretMasker.mask(new String(line, charset)).getBytes(charset);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}

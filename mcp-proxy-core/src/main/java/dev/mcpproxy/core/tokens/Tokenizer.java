package dev.mcpproxy.core.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens as OpenAI's o200k_base encoding cuts text (GPT-4o and later); jtokkit, behind this class alone.
 * Loading the encoding takes about half a second and holds about 30 MB of the heap, so it is loaded only to count
 * and dropped after, never at the sidecar's start.
 */
final class Tokenizer {

    static final String ENCODING = "o200k_base";
    /**
     * What loading and holding the encoding costs at its peak: its 200,000 ranks took 30 MB of heap once loaded, and
     * it loaded with -Xmx44m but not with -Xmx40m.
     */
    static final long COST = 48L << 20;

    private final Encoding encoding;

    private Tokenizer(Encoding encoding) {
        this.encoding = encoding;
    }

    static Tokenizer load() {
        return new Tokenizer(Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));
    }

    /** The tokens of {@code text}, read as plain text: a special token's name in it counts as the text it is. */
    int count(String text) {
        return encoding.countTokensOrdinary(text);
    }
}

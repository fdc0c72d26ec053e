package dev.mcpproxy.server.http1;

import java.util.List;
import java.util.Locale;

/**
 * Which of the content codings a response is held in to send, by the request's {@code Accept-Encoding} (RFC 9110
 * 12.5.3): of the codings the client accepts at all, the one of highest weight, the server's order breaking ties;
 * identity only when it accepts none of them (as Netty's compressor decides: the compressed bytes are smaller whatever
 * weight the client gives identity). {@code *} stands for every coding not named; identity is acceptable unless
 * refused by name or by {@code *;q=0}. Written here because the project's HTTP/1.1 server is its own (see the
 * package's notes); its test holds the cases of Netty's HttpContentCompressorTest and BrotliContentCompressorTest.
 */
public final class ContentCoding {

    public static final String IDENTITY = "identity";

    private ContentCoding() {
    }

    /**
     * The coding to send, from {@code available} (in the server's order of preference; identity need not be listed
     * and is the last resort); null when nothing available is acceptable, which is a 406 (or identity sent anyway,
     * as RFC 9110 allows).
     */
    public static String choose(String acceptEncoding, List<String> available) {
        if (acceptEncoding == null) {
            // No header: any coding is acceptable (RFC 9110 12.5.3), but a client that sends none may not decode
            // one; identity is what every client reads.
            return IDENTITY;
        }
        String best = null;
        int bestWeight = 0;
        for (String coding : available) {
            int weight = weight(acceptEncoding, coding);
            if (weight > bestWeight) {
                best = coding;
                bestWeight = weight;
            }
        }
        if (best != null) {
            return best;
        }
        return weight(acceptEncoding, IDENTITY) > 0 ? IDENTITY : null;
    }

    /**
     * The weight, 0 to 1000, the header gives {@code coding}: its own entry's, else {@code *}'s; identity weighs 1
     * (the least acceptable) when neither names it. An entry that cannot be read weighs nothing.
     */
    static int weight(String acceptEncoding, String coding) {
        int named = -1;
        int star = -1;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            int q = 1000;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                        && parameter.charAt(1) == '=') {
                    q = qvalue(parameter.substring(2).strip());
                }
            }
            if (name.equals(coding) || (coding.equals("gzip") && name.equals("x-gzip"))) {
                named = Math.max(named, q);
            } else if (name.equals("*")) {
                star = Math.max(star, q);
            }
        }
        if (named >= 0) {
            return named;
        }
        if (star >= 0) {
            return star;
        }
        return coding.equals(IDENTITY) ? 1 : 0;
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} in thousandths; anything else is 0. */
    static int qvalue(String text) {
        if (text.isEmpty() || text.length() > 5 || (text.length() > 1 && text.charAt(1) != '.')) {
            return 0;
        }
        char first = text.charAt(0);
        if (first != '0' && first != '1') {
            return 0;
        }
        int thousandths = 0;
        int scale = 100;
        for (int i = 2; i < text.length(); i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return 0;
            }
            thousandths += (digit - '0') * scale;
            scale /= 10;
        }
        if (first == '1') {
            return thousandths == 0 ? 1000 : 0;
        }
        return thousandths;
    }
}

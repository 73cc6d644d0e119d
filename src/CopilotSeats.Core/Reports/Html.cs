using System.Globalization;
using System.Text;

namespace CopilotSeats.Reports
{
    /// <summary>
    /// HTML encoding for the report. One encoder serves text and (always double-quoted) attribute values: it
    /// escapes &amp; &lt; &gt; " and ', writes every character outside printable ASCII as a numeric reference (so the
    /// page is plain ASCII and survives any mail transcoding), and replaces what HTML cannot carry (C0/C1
    /// controls other than tab, line feed and carriage return, noncharacters, lone surrogates) with U+FFFD.
    /// </summary>
    public static class Html
    {
        private const string Replacement = "&#xFFFD;";

        /// <summary>The value encoded for HTML text or a double-quoted attribute; empty for null.</summary>
        public static string Encode(string? value)
        {
            if (string.IsNullOrEmpty(value)) return string.Empty;
            var sb = new StringBuilder(value!.Length + 16);
            Encode(value, sb);
            return sb.ToString();
        }

        /// <summary>Appends <paramref name="value"/> encoded.</summary>
        public static void Encode(string? value, StringBuilder sb)
        {
            if (sb is null) throw new ArgumentNullException(nameof(sb));
            if (string.IsNullOrEmpty(value)) return;
            for (int i = 0; i < value!.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '&': sb.Append("&amp;"); continue;
                    case '<': sb.Append("&lt;"); continue;
                    case '>': sb.Append("&gt;"); continue;
                    case '"': sb.Append("&quot;"); continue;
                    case '\'': sb.Append("&#39;"); continue;
                    case '\t':
                    case '\n':
                    case '\r': sb.Append(c); continue;
                }
                if (c >= 0x20 && c < 0x7F) { sb.Append(c); continue; }
                int codePoint;
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    codePoint = char.ConvertToUtf32(c, value[i + 1]);
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    sb.Append(Replacement);
                    continue;
                }
                else codePoint = c;
                if (!Allowed(codePoint)) { sb.Append(Replacement); continue; }
                sb.Append("&#x").Append(codePoint.ToString("X", CultureInfo.InvariantCulture)).Append(';');
            }
        }

        /// <summary>At most <paramref name="max"/> characters of <paramref name="value"/>, cut with an ellipsis (never inside a surrogate pair).</summary>
        public static string Shorten(string value, int max)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (max < 2) throw new ArgumentOutOfRangeException(nameof(max));
            if (value.Length <= max) return value;
            int cut = max - 1;
            if (char.IsHighSurrogate(value[cut - 1])) cut--;
            return value.Substring(0, cut) + "\u2026";
        }

        /// <summary>A number in invariant culture with thousands separators (1,234 or 1,234.50).</summary>
        public static string Number(decimal value, int decimals) =>
            value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        private static bool Allowed(int codePoint)
        {
            if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)) return false; // controls
            if (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) return false;                    // noncharacters
            if ((codePoint & 0xFFFE) == 0xFFFE) return false;                                  // U+xFFFE, U+xFFFF
            return true;
        }
    }
}

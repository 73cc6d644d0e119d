using System.Text;

namespace CopilotSeats.Completion
{
    /// <summary>One value offered for a parameter: the name as listed and the text that replaces the typed word.</summary>
    public sealed class CompletionItem(string text, string completionText)
    {
        /// <summary>The name itself (list item and tooltip).</summary>
        public string Text { get; } = text;
        /// <summary>What is inserted: the name, quoted when PowerShell needs quotes or the word was begun with one.</summary>
        public string CompletionText { get; } = completionText;

        public override string ToString() => CompletionText;
    }

    /// <summary>Filters names by the typed word: prefix match ignoring case, duplicates (ignoring case) once, sorted ignoring case.</summary>
    public static class CompletionMatcher
    {
        private const string NeedsQuotes = " \t\r\n'\"`$&@(){}[];,|<>#\u2018\u2019\u201A\u201B\u201C\u201D\u201E";

        public static IReadOnlyList<CompletionItem> Match(IEnumerable<string?> names, string? wordToComplete)
        {
            string word = wordToComplete ?? string.Empty;
            char quote = word.Length > 0 && (word[0] == '\'' || word[0] == '"') ? word[0] : '\0';
            string prefix = Unquote(word);
            return names
                .Where(n => !string.IsNullOrEmpty(n) && n!.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => n!)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .ThenBy(n => n, StringComparer.Ordinal)
                .Select(n => new CompletionItem(n, Quote(n, quote)))
                .ToList();
        }

        /// <summary>The typed word without its opening quote (and its closing one, when present).</summary>
        public static string Unquote(string word)
        {
            if (word.Length == 0 || (word[0] != '\'' && word[0] != '"')) return word;
            string inner = word.Substring(1);
            if (inner.Length > 0 && inner[inner.Length - 1] == word[0]) inner = inner.Substring(0, inner.Length - 1);
            return word[0] == '\'' ? inner.Replace("''", "'") : inner;
        }

        /// <summary>
        /// The text to insert: as is when PowerShell takes it bare; in single quotes (' doubled) when it needs
        /// quotes; in the quote the user began with ('...' or "..." with `, " and $ escaped) otherwise.
        /// </summary>
        public static string Quote(string value, char quote = '\0')
        {
            if (quote == '"')
            {
                var sb = new StringBuilder("\"");
                foreach (char c in value)
                {
                    if (c == '"' || c == '`' || c == '$' || c == '\u201C' || c == '\u201D' || c == '\u201E') sb.Append('`');
                    sb.Append(c);
                }
                return sb.Append('"').ToString();
            }
            if (quote == '\'' || value.Length == 0 || value.IndexOfAny(NeedsQuotes.ToCharArray()) >= 0 || value[0] == '-')
            {
                var sb = new StringBuilder("'");
                foreach (char c in value)
                {
                    if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') sb.Append(c);
                    sb.Append(c);
                }
                return sb.Append('\'').ToString();
            }
            return value;
        }
    }
}

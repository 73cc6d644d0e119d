namespace CopilotSeats.Seats
{
    /// <summary>
    /// Wildcard patterns on logins, as PowerShell's -Exclude: * (any run), ? (one character),
    /// [abc] and [a-z] (one character of a set or range), ` escapes the next character.
    /// Case-insensitive; a pattern matches the whole name. An unclosed [ is an invalid pattern
    /// (an exclusion that silently matched nothing could cancel a seat meant to be kept).
    /// </summary>
    public sealed class NamePatterns
    {
        private readonly string[] _patterns;

        private NamePatterns(string[] patterns) => _patterns = patterns;

        /// <summary>No pattern: nothing is excluded.</summary>
        public static NamePatterns None { get; } = new NamePatterns(new string[0]);

        /// <summary>Checks every pattern; an invalid one is a terminating InvalidArgument error (CopilotSeats.InvalidPattern).</summary>
        public static NamePatterns Parse(IEnumerable<string>? patterns)
        {
            if (patterns is null) return None;
            var list = new List<string>();
            foreach (string pattern in patterns)
            {
                if (string.IsNullOrEmpty(pattern)) continue;
                string? problem = Check(pattern);
                if (problem != null)
                    throw new CopilotException("CopilotSeats.InvalidPattern", CopilotErrorCategory.InvalidArgument, pattern,
                        $"The pattern '{pattern}' is not valid: {problem}")
                    {
                        IsTerminating = true,
                        RecommendedAction = "Close each [ with ], or escape a literal [ as `[.",
                    };
                list.Add(pattern);
            }
            return list.Count == 0 ? None : new NamePatterns(list.ToArray());
        }

        public int Count => _patterns.Length;

        /// <summary>The first pattern that matches <paramref name="name"/>, or null.</summary>
        public string? FirstMatch(string? name)
        {
            if (name is null) return null;
            foreach (string pattern in _patterns)
                if (IsMatch(pattern, name)) return pattern;
            return null;
        }

        public bool Matches(string? name) => FirstMatch(name) != null;

        /// <summary>Whether the whole of <paramref name="text"/> matches <paramref name="pattern"/> (case-insensitive).</summary>
        public static bool IsMatch(string pattern, string text)
        {
            if (pattern is null) throw new ArgumentNullException(nameof(pattern));
            if (text is null) throw new ArgumentNullException(nameof(text));
            string? problem = Check(pattern);
            if (problem != null) throw new ArgumentException(problem, nameof(pattern));
            // Iterative matching with backtracking to the last *: linear in practice, no recursion.
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                if (p < pattern.Length && MatchOne(pattern, ref p, text[t]))
                {
                    t++;
                    continue;
                }
                if (starP < 0) return false;
                p = starP;
                t = ++starT;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }

        /// <summary>Matches one text character against the element at <paramref name="p"/>; on success moves p past the element.</summary>
        private static bool MatchOne(string pattern, ref int p, char c)
        {
            char head = pattern[p];
            if (head == '?') { p++; return true; }
            if (head == '`' && p + 1 < pattern.Length)
            {
                if (!Same(pattern[p + 1], c)) return false;
                p += 2;
                return true;
            }
            if (head == '[')
            {
                int end = ClosingBracket(pattern, p);
                bool hit = false;
                for (int i = p + 1; i < end; i++)
                {
                    char low = pattern[i];
                    if (low == '`' && i + 1 < end) low = pattern[++i];
                    if (i + 2 < end && pattern[i + 1] == '-')
                    {
                        char high = pattern[i + 2];
                        if (high == '`' && i + 3 < end) high = pattern[++i + 2];
                        i += 2;
                        if (InRange(c, low, high)) hit = true;
                    }
                    else if (Same(low, c)) hit = true;
                }
                if (!hit) return false;
                p = end + 1;
                return true;
            }
            if (!Same(head, c)) return false;
            p++;
            return true;
        }

        private static bool Same(char a, char b) => char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

        private static bool InRange(char c, char low, char high)
        {
            char u = char.ToUpperInvariant(c), l = char.ToLowerInvariant(c);
            return u >= low && u <= high || l >= low && l <= high
                || char.ToUpperInvariant(low) <= u && u <= char.ToUpperInvariant(high)
                || char.ToLowerInvariant(low) <= l && l <= char.ToLowerInvariant(high);
        }

        /// <summary>Index of the ] that closes the [ at <paramref name="open"/>, or -1.</summary>
        private static int ClosingBracket(string pattern, int open)
        {
            for (int i = open + 1; i < pattern.Length; i++)
            {
                if (pattern[i] == '`') { i++; continue; }
                if (pattern[i] == ']') return i;
            }
            return -1;
        }

        private static string? Check(string pattern)
        {
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '`') { i++; continue; }
                if (pattern[i] != '[') continue;
                int end = ClosingBracket(pattern, i);
                if (end < 0) return "a [ has no closing ].";
                if (end == i + 1) return "[] names no character.";
                i = end;
            }
            return null;
        }
    }
}

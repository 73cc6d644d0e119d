namespace CopilotSeats.Validation
{
    public enum NameKind { Organization, Enterprise, Login, TeamSlug }

    /// <summary>
    /// Checks names before any request is sent. GitHub's rules: org and user logins are
    /// alphanumeric with single inner hyphens (39 characters at most); enterprise managed
    /// users add an underscore and shortcode; enterprise slugs and team slugs are lowercase
    /// alphanumerics, hyphens (and underscores for teams). Anything that could change the
    /// request's path or query is refused outright.
    /// </summary>
    public static class InputValidator
    {
        public const int MaxLoginLength = 39;
        public const int MaxEmuLoginLength = 100;
        public const int MaxSlugLength = 255;

        /// <summary>Returns null when valid, else a message that says why.</summary>
        public static string? Check(NameKind kind, string? value)
        {
            string what = Describe(kind);
            if (value is null || value.Length == 0) return $"The {what} must not be empty.";
            if (value.Trim().Length == 0) return $"The {what} must not be whitespace.";
            int max = kind switch
            {
                NameKind.Login => MaxEmuLoginLength,
                NameKind.Organization => MaxLoginLength,
                _ => MaxSlugLength,
            };
            if (value.Length > max) return $"The {what} '{Shorten(value)}' is longer than {max} characters.";
            foreach (char c in value)
            {
                if (char.IsControl(c)) return $"The {what} must not contain control characters (CR, LF, tab, ...).";
                if (char.IsWhiteSpace(c)) return $"The {what} '{value}' must not contain whitespace.";
                if (c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || c == '&' || c == '=' || c == ':' || c == '@' || c == '+' || c == ';')
                    return $"The {what} '{value}' must not contain '{c}'.";
            }
            if (value.Contains("..")) return $"The {what} '{value}' must not contain '..'.";
            bool ok = kind switch
            {
                NameKind.Organization => IsLogin(value, allowUnderscore: false),
                NameKind.Login => IsLogin(value, allowUnderscore: true),
                NameKind.Enterprise => IsSlug(value, allowUnderscore: false),
                NameKind.TeamSlug => IsSlug(value, allowUnderscore: true),
                _ => false,
            };
            if (!ok) return $"The {what} '{value}' is not valid: {Rule(kind)}";
            return null;
        }

        /// <summary>Throws <see cref="CopilotException"/> (InvalidArgument, ErrorId CopilotSeats.InvalidName) when invalid.</summary>
        public static string Validate(NameKind kind, string? value)
        {
            string? problem = Check(kind, value);
            if (problem != null) throw Invalid(kind, value, problem);
            return value!;
        }

        /// <summary>CopilotSeats.InvalidName for <paramref name="value"/>, with the <paramref name="problem"/> <see cref="Check"/> found.</summary>
        public static CopilotException Invalid(NameKind kind, string? value, string problem) =>
            new CopilotException("CopilotSeats.InvalidName", CopilotErrorCategory.InvalidArgument, value, problem)
            {
                RecommendedAction = $"Pass the {Describe(kind)} as it appears on GitHub.",
            };

        public static string Describe(NameKind kind) => kind switch
        {
            NameKind.Organization => "organization name",
            NameKind.Enterprise => "enterprise slug",
            NameKind.Login => "user name",
            _ => "team slug",
        };

        private static string Rule(NameKind kind) => kind switch
        {
            NameKind.Organization => "use letters, digits and single hyphens, not starting or ending with a hyphen.",
            NameKind.Login => "use letters, digits and single hyphens (enterprise managed users may end in _shortcode).",
            NameKind.Enterprise => "use letters, digits and hyphens.",
            _ => "use letters, digits, hyphens and underscores.",
        };

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        private static bool IsLogin(string v, bool allowUnderscore)
        {
            string main = v;
            if (allowUnderscore)
            {
                int us = v.IndexOf('_');
                if (us >= 0)
                {
                    // Enterprise managed user: handle_shortcode; exactly one underscore, a non-empty alphanumeric shortcode.
                    string shortcode = v.Substring(us + 1);
                    main = v.Substring(0, us);
                    if (shortcode.Length == 0 || shortcode.IndexOf('_') >= 0) return false;
                    foreach (char c in shortcode) if (!IsAsciiLetterOrDigit(c)) return false;
                }
                else if (v.Length > MaxLoginLength) return false;
            }
            if (main.Length == 0 || main.Length > MaxLoginLength) return false;
            if (main[0] == '-' || main[main.Length - 1] == '-' || main.Contains("--")) return false;
            foreach (char c in main) if (!(IsAsciiLetterOrDigit(c) || c == '-')) return false;
            return true;
        }

        private static bool IsSlug(string v, bool allowUnderscore)
        {
            foreach (char c in v)
                if (!(IsAsciiLetterOrDigit(c) || c == '-' || (allowUnderscore && c == '_'))) return false;
            return true;
        }

        private static string Shorten(string v) => v.Length <= 40 ? v : v.Substring(0, 40) + "...";
    }
}

using System.Runtime.InteropServices;
using System.Security;

namespace CopilotSeats.Auth
{
    /// <summary>
    /// A GitHub token held as a read-only SecureString. It is decoded only to build the
    /// Authorization header; ToString and every message show where it came from, never the value.
    /// </summary>
    public sealed class CopilotToken
    {
        private readonly SecureString _secret;

        private CopilotToken(SecureString secret, string source)
        {
            _secret = secret;
            Source = source;
        }

        /// <summary>Where the token came from: Parameter, Connect-Copilot, GH_TOKEN, GITHUB_TOKEN or gh auth token.</summary>
        public string Source { get; }

        public static CopilotToken FromSecureString(SecureString secret, string source)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            var copy = secret.Copy();
            copy.MakeReadOnly();
            var token = new CopilotToken(copy, source);
            token.Check();
            return token;
        }

        /// <summary>For tokens that arrive as text (environment variables, gh). The string is copied into a SecureString.</summary>
        public static CopilotToken FromPlainText(string value, string source)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            var secure = new SecureString();
            foreach (char c in value.Trim()) secure.AppendChar(c);
            secure.MakeReadOnly();
            var token = new CopilotToken(secure, source);
            token.Check();
            return token;
        }

        public int Length => _secret.Length;

        /// <summary>Builds the header value; the only place the secret is decoded.</summary>
        internal string ToAuthorizationValue() => "Bearer " + Reveal();

        /// <summary>At most the first <paramref name="length"/> characters (to tell the token's kind by its prefix).</summary>
        internal string Prefix(int length)
        {
            string value = Reveal();
            return value.Length <= length ? value : value.Substring(0, length);
        }

        internal string Reveal()
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(ptr, _secret.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        private void Check()
        {
            if (_secret.Length == 0)
                throw Invalid("is empty");
            string value = Reveal();
            foreach (char c in value)
            {
                if (c == '\r' || c == '\n' || char.IsControl(c) || char.IsWhiteSpace(c))
                    throw Invalid("contains a line break, control character or whitespace; it was not used");
            }
        }

        /// <summary>CopilotSeats.InvalidToken, naming where the token came from as the user gave it (-Token, GH_TOKEN, ...), never the token.</summary>
        private CopilotException Invalid(string problem)
        {
            string from = Source == ConnectionResolver.SourceParameter ? "-Token" : Source;
            return new CopilotException("CopilotSeats.InvalidToken", CopilotErrorCategory.InvalidArgument, from, $"The token from {from} {problem}.")
            {
                RecommendedAction = Source switch
                {
                    ConnectionResolver.SourceParameter or ConnectionResolver.SourceSession => "Pass the token itself to -Token, without spaces or line breaks.",
                    ConnectionResolver.SourceGhCli => "Run gh auth login again, or pass a token with -Token.",
                    _ => $"Set {Source} to the token itself, without spaces or line breaks, or pass one with -Token.",
                },
            };
        }

        public override string ToString() => $"CopilotToken(source: {Source})";
    }
}

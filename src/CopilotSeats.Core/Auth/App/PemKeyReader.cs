using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace CopilotSeats.Auth.App
{
    /// <summary>
    /// Reads a GitHub App's private key from PEM text into an <see cref="RSA"/> object: PKCS#1
    /// (<c>BEGIN RSA PRIVATE KEY</c>, what GitHub hands out) and PKCS#8 (<c>BEGIN PRIVATE KEY</c>). The DER is
    /// decoded with System.Formats.Asn1 (netstandard2.0 has no ImportRSAPrivateKey), then imported with
    /// <see cref="RSA.ImportParameters"/>. Every buffer that held key material is zeroed before returning.
    /// Anything else (an encrypted key, an EC key, a public key, junk, a missing file) is a terminating
    /// <c>CopilotSeats.BadPrivateKey</c> whose message names the source, never the key.
    /// </summary>
    public static class PemKeyReader
    {
        public const string ErrorId = "CopilotSeats.BadPrivateKey";
        private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
        private const string Action = "Pass the .pem file GitHub generated for the App (Settings > Developer settings > GitHub Apps > Private keys).";

        /// <summary>Reads the key file at <paramref name="path"/>.</summary>
        public static RSA FromFile(string path)
        {
            string source = $"the file '{path}'";
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                bool missing = ex is FileNotFoundException || ex is DirectoryNotFoundException;
                throw Bad(missing ? $"The private key file '{path}' was not found." : $"The private key file '{path}' cannot be read: {ex.Message}",
                    path, missing ? CopilotErrorCategory.ObjectNotFound : CopilotErrorCategory.InvalidArgument);
            }
            char[] text = new char[0];
            try
            {
                text = Encoding.UTF8.GetChars(bytes);
                return FromPem(text, source, path);
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
                Array.Clear(text, 0, text.Length);
            }
        }

        /// <summary>Reads the PEM text held in <paramref name="pem"/> (as from a vault or Get-Secret).</summary>
        public static RSA FromSecureString(SecureString pem)
        {
            if (pem is null) throw new ArgumentNullException(nameof(pem));
            char[] text = new char[pem.Length];
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(pem);
                Marshal.Copy(ptr, text, 0, text.Length);
                return FromPem(text, "-PrivateKey", "-PrivateKey");
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(text, 0, text.Length);
            }
        }

        /// <summary>Parses PEM text; <paramref name="source"/> names where it came from in messages.</summary>
        internal static RSA FromPem(char[] pem, string source, object target)
        {
            PemBlock block = PemBlock.Find(pem, source, target) ?? throw Bad($"{Capital(source)} is not a PEM private key (no '-----BEGIN ... PRIVATE KEY-----' line).", target);
            try
            {
                switch (block.Label)
                {
                    case "RSA PRIVATE KEY":
                        if (block.Encrypted) throw Encrypted(source, target);
                        return Import(ReadPkcs1(block.Der, source, target), source, target);
                    case "PRIVATE KEY":
                        return Import(ReadPkcs8(block.Der, source, target), source, target);
                    case "ENCRYPTED PRIVATE KEY":
                        throw Encrypted(source, target);
                    default:
                        throw Bad($"{Capital(source)} holds a '{block.Label}', not an RSA private key. GitHub App keys are RSA keys in PKCS#1 (BEGIN RSA PRIVATE KEY) or PKCS#8 (BEGIN PRIVATE KEY) PEM.", target);
                }
            }
            finally
            {
                block.Clear();
            }
        }

        private static RSAParameters ReadPkcs8(byte[] der, string source, object target)
        {
            try
            {
                // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING, ... }
                var outer = new AsnReader(der, AsnEncodingRules.BER);
                AsnReader info = outer.ReadSequence();
                info.ReadInteger();
                AsnReader algorithm = info.ReadSequence();
                string oid = algorithm.ReadObjectIdentifier();
                if (oid != RsaEncryptionOid)
                    throw Bad($"{Capital(source)} holds a {AlgorithmName(oid)} key, not an RSA key. GitHub App keys are RSA keys.", target);
                byte[] inner = info.ReadOctetString();
                try { return ReadPkcs1(inner, source, target); }
                finally { Array.Clear(inner, 0, inner.Length); }
            }
            catch (Exception ex) when (ex is AsnContentException || ex is CryptographicException || ex is ArgumentException)
            {
                throw Bad($"{Capital(source)} is not a valid PKCS#8 private key.", target);
            }
        }

        private static RSAParameters ReadPkcs1(byte[] der, string source, object target)
        {
            try
            {
                // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient }
                var outer = new AsnReader(der, AsnEncodingRules.BER);
                AsnReader key = outer.ReadSequence();
                if (!key.TryReadInt32(out int version) || version != 0)
                    throw Bad($"{Capital(source)} is not a two-prime RSA private key.", target);
                byte[] modulus = Unsigned(key.ReadIntegerBytes().Span);
                int size = modulus.Length;
                int half = (size + 1) / 2;
                var parameters = new RSAParameters
                {
                    Modulus = modulus,
                    Exponent = Unsigned(key.ReadIntegerBytes().Span),
                    D = Padded(key.ReadIntegerBytes().Span, size),
                    P = Padded(key.ReadIntegerBytes().Span, half),
                    Q = Padded(key.ReadIntegerBytes().Span, half),
                    DP = Padded(key.ReadIntegerBytes().Span, half),
                    DQ = Padded(key.ReadIntegerBytes().Span, half),
                    InverseQ = Padded(key.ReadIntegerBytes().Span, half),
                };
                return parameters;
            }
            catch (Exception ex) when (ex is AsnContentException || ex is ArgumentException)
            {
                throw Bad($"{Capital(source)} is not a valid RSA private key.", target);
            }
        }

        /// <summary>Imports and proves the key: a signature made with it must verify with its own public half.</summary>
        private static RSA Import(RSAParameters parameters, string source, object target)
        {
            RSA rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(parameters);
                byte[] probe = new byte[32];
                byte[] signature = rsa.SignHash(probe, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                if (!rsa.VerifyHash(probe, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                    throw Bad($"{Capital(source)} is not a consistent RSA private key.", target);
                return rsa;
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
                throw Bad($"{Capital(source)} is not a usable RSA private key.", target);
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
            finally
            {
                Clear(parameters.D); Clear(parameters.P); Clear(parameters.Q);
                Clear(parameters.DP); Clear(parameters.DQ); Clear(parameters.InverseQ);
            }
        }

        private static void Clear(byte[]? bytes)
        {
            if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
        }

        /// <summary>A big-endian ASN.1 INTEGER without its sign byte.</summary>
        private static byte[] Unsigned(ReadOnlySpan<byte> value)
        {
            int start = 0;
            while (start < value.Length - 1 && value[start] == 0) start++;
            return value.Slice(start).ToArray();
        }

        /// <summary>Left-padded (or trimmed of leading zeros) to exactly <paramref name="length"/> bytes, as RSAParameters requires.</summary>
        private static byte[] Padded(ReadOnlySpan<byte> value, int length)
        {
            int start = 0;
            while (start < value.Length && value[start] == 0 && value.Length - start > length) start++;
            ReadOnlySpan<byte> digits = value.Slice(start);
            if (digits.Length > length) throw new ArgumentException("An RSA key component is longer than the modulus allows.");
            var result = new byte[length];
            digits.CopyTo(result.AsSpan(length - digits.Length));
            return result;
        }

        private static string AlgorithmName(string oid) => oid switch
        {
            "1.2.840.10045.2.1" => "EC",
            "1.3.101.112" => "Ed25519",
            "1.3.101.110" => "X25519",
            "1.2.840.10040.4.1" => "DSA",
            "1.2.840.113549.1.1.10" => "RSA-PSS",
            _ => "non-RSA (" + oid + ")",
        };

        private static CopilotException Encrypted(string source, object target) =>
            Bad($"{Capital(source)} is an encrypted private key. GitHub App keys come unencrypted; decrypt it first (openssl pkey -in key.pem -out app.pem) and keep it in a vault or secret store.", target);

        internal static CopilotException Bad(string message, object target, CopilotErrorCategory category = CopilotErrorCategory.InvalidData) =>
            new CopilotException(ErrorId, category, target, message) { IsTerminating = true, RecommendedAction = Action };

        private static string Capital(string source) => source.Length > 0 && char.IsLower(source[0]) ? char.ToUpperInvariant(source[0]) + source.Substring(1) : source;

        /// <summary>The first PEM block of a text: its label, whether its headers say it is encrypted, and its DER bytes.</summary>
        private sealed class PemBlock
        {
            private PemBlock(string label, bool encrypted, byte[] der)
            {
                Label = label; Encrypted = encrypted; Der = der;
            }

            public string Label { get; }
            public bool Encrypted { get; }
            public byte[] Der { get; }

            public void Clear() => Array.Clear(Der, 0, Der.Length);

            public static PemBlock? Find(char[] text, string source, object target)
            {
                const string begin = "-----BEGIN ";
                int at = IndexOf(text, begin, 0);
                if (at < 0) return null;
                int labelStart = at + begin.Length;
                int labelEnd = IndexOf(text, "-----", labelStart);
                if (labelEnd < 0) return null;
                string label = new string(text, labelStart, labelEnd - labelStart).Trim();
                if (label.Length == 0 || label.Length > 40) return null;
                int bodyStart = labelEnd + 5;
                int bodyEnd = IndexOf(text, "-----END ", bodyStart);
                if (bodyEnd < 0)
                    throw Bad(Capital(source) + " has no '-----END " + label + "-----' line.", target);
                bool encrypted = false;
                char[] base64 = new char[bodyEnd - bodyStart];
                int count = 0;
                try
                {
                    int line = bodyStart;
                    while (line < bodyEnd)
                    {
                        int next = line;
                        while (next < bodyEnd && text[next] != '\n') next++;
                        bool header = false;
                        for (int i = line; i < next; i++) if (text[i] == ':') { header = true; break; }
                        if (header)
                        {
                            if (IndexOf(text, "ENCRYPTED", line, next) >= 0) encrypted = true;
                        }
                        else
                        {
                            for (int i = line; i < next; i++)
                                if (!char.IsWhiteSpace(text[i])) base64[count++] = text[i];
                        }
                        line = next + 1;
                    }
                    byte[] der;
                    try { der = Convert.FromBase64CharArray(base64, 0, count); }
                    catch (FormatException) { throw Bad(Capital(source) + ": the '" + label + "' PEM block is not valid base64.", target); }
                    return new PemBlock(label, encrypted, der);
                }
                finally
                {
                    Array.Clear(base64, 0, base64.Length);
                }
            }

            private static int IndexOf(char[] text, string value, int from, int to = -1)
            {
                int end = (to < 0 ? text.Length : to) - value.Length;
                for (int i = from; i <= end; i++)
                {
                    int k = 0;
                    while (k < value.Length && text[i + k] == value[k]) k++;
                    if (k == value.Length) return i;
                }
                return -1;
            }
        }
    }
}

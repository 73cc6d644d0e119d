using System.Text;

namespace CopilotSeats.Module.Tests;

/// <summary>
/// Reads the restricted-language subset a module manifest uses: @{ key = value }, @( a, b ),
/// 'single' and "double" quoted strings, bare numbers and $true/$false, comments. Anything else
/// (expressions, variables, commands) is an error, as Import-PowerShellDataFile would make it.
/// </summary>
public sealed class Psd1Reader
{
    private readonly string _text;
    private int _pos;

    private Psd1Reader(string text) { _text = text; }

    public static Dictionary<string, object> ReadFile(string path) => Read(File.ReadAllText(path));

    public static Dictionary<string, object> Read(string text)
    {
        var reader = new Psd1Reader(text);
        reader.Skip();
        var result = reader.ReadHashtable();
        reader.Skip();
        if (reader._pos != text.Length) throw reader.Error("text after the manifest hashtable");
        return result;
    }

    private FormatException Error(string what) =>
        new($"psd1: {what} at line {_text.Take(_pos).Count(c => c == '\n') + 1}");

    private void Skip(bool newlines = true)
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '#') { while (_pos < _text.Length && _text[_pos] != '\n') _pos++; }
            else if (c == '<' && Peek(1) == '#') { int end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal); _pos = end < 0 ? _text.Length : end + 2; }
            else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF' || (newlines && c == '\n')) _pos++;
            else break;
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Expect(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) throw Error($"expected '{token}'");
        _pos += token.Length;
    }

    private Dictionary<string, object> ReadHashtable()
    {
        Expect("@{");
        var table = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            Skip();
            while (Peek() == ';') { _pos++; Skip(); }
            if (Peek() == '}') { _pos++; return table; }
            string key = Peek() is '\'' or '"' ? ReadString() : ReadBareWord();
            Skip();
            Expect("=");
            Skip();
            object value = ReadValue();
            if (!table.TryAdd(key, value)) throw Error($"duplicate key {key}");
        }
    }

    private object ReadValue()
    {
        Skip();
        object first = ReadSingle();
        Skip(newlines: false);
        if (Peek() != ',') return first;
        var list = new List<object> { first };
        while (Peek() == ',')
        {
            _pos++;
            Skip();
            list.Add(ReadSingle());
            Skip(newlines: false);
        }
        return list;
    }

    private object ReadSingle()
    {
        if (Peek() == '@' && Peek(1) == '{') return ReadHashtable();
        if (Peek() == '@' && Peek(1) == '(') return ReadArray();
        if (Peek() is '\'' or '"') return ReadString();
        if (Peek() == '$')
        {
            string word = ReadBareWord(allowDollar: true);
            return word.ToLowerInvariant() switch
            {
                "$true" => true,
                "$false" => false,
                "$null" => null!,
                _ => throw Error("variable " + word + " is not allowed in a manifest"),
            };
        }
        string bare = ReadBareWord();
        return double.TryParse(bare, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number)
            ? number
            : throw Error("unquoted value " + bare);
    }

    private List<object> ReadArray()
    {
        Expect("@(");
        var items = new List<object>();
        while (true)
        {
            Skip();
            if (Peek() == ')') { _pos++; return items; }
            if (Peek() == ',' || Peek() == ';') { _pos++; continue; }
            items.Add(ReadSingle());
        }
    }

    private string ReadBareWord(bool allowDollar = false)
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or '-' || (allowDollar && _pos == start && _text[_pos] == '$'))) _pos++;
        if (_pos == start) throw Error($"unexpected '{Peek()}'");
        return _text.Substring(start, _pos - start);
    }

    private string ReadString()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == quote)
            {
                if (Peek() == quote) { sb.Append(quote); _pos++; continue; }
                return sb.ToString();
            }
            if (quote == '"' && (c == '$' || c == '`')) throw Error("expandable string content is not allowed in a manifest");
            sb.Append(c);
        }
    }
}

using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;

namespace CopilotSeats
{
    /// <summary>
    /// A read-only list of names (logins, team slugs, scopes, problem lines) on an output object. It reads like the
    /// string[] it replaces (Count, Length, indexing, -contains, -join, foreach; ConvertTo-Json writes an array), and its
    /// ToString joins the items with ", ", so Export-Csv and ConvertTo-Csv write <c>alice, bob</c> instead of System.String[].
    /// </summary>
    public sealed class CopilotNameList : ReadOnlyCollection<string>
    {
        /// <summary>The separator ToString puts between names.</summary>
        public const string Separator = ", ";

        /// <summary>The separator ToString puts between sentences, which have commas of their own (Test-CopilotConnection's Problems).</summary>
        public const string SentenceSeparator = "; ";

        private readonly string _separator = Separator;

        /// <summary>The list of no names.</summary>
        public static CopilotNameList Empty { get; } = new CopilotNameList(new string[0]);

        /// <summary>A copy of <paramref name="names"/> (null is empty).</summary>
        public CopilotNameList(IEnumerable<string>? names)
            : base(names?.ToArray() ?? new string[0])
        {
        }

        /// <summary>A copy of <paramref name="items"/> whose ToString puts <paramref name="separator"/> between them.</summary>
        public CopilotNameList(IEnumerable<string>? items, string separator)
            : this(items)
        {
            _separator = separator ?? Separator;
        }

        /// <summary>A copy of <paramref name="names"/>; lets a string[] be assigned where the list is expected (C# and PowerShell).</summary>
        public CopilotNameList(string[]? names)
            : this((IEnumerable<string>?)names)
        {
        }

        /// <summary>The text of each item of a PowerShell array (<c>$change.Requested = @('alice', 'bob')</c>); null items are empty.</summary>
        public CopilotNameList(object?[]? items)
            : this(items?.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? string.Empty))
        {
        }

        /// <summary>The number of items, as string[].Length was (scripts written against the array keep working).</summary>
        public int Length => Count;

        public static implicit operator CopilotNameList(string[]? names) => new CopilotNameList(names);

        /// <summary>One name: <c>$check.Scopes = 'repo'</c> works as it did for the string[].</summary>
        public static implicit operator CopilotNameList(string name) => new CopilotNameList(new[] { name });

        public override string ToString() => string.Join(_separator, this);
    }
}

using System.Collections;

namespace CopilotSeats.Validation
{
    /// <summary>
    /// What binds to a list of logins, as names: a string as it is; a dictionary, or an object with a login, Login or
    /// UserName property, as that value; an array (also one nested in the pipeline, as Invoke-RestMethod writes a JSON
    /// array as one object) item by item. Anything else is its text (and then no valid login).
    /// </summary>
    public static class LoginValues
    {
        private static readonly string[] s_keys = { "login", "UserName" }; // compared case-insensitively: Login too

        /// <param name="unwrap">The value behind a host's wrapper (a PSObject's base object).</param>
        /// <param name="property">A named property of the (wrapped) value, or null: the host knows properties a type does not declare.</param>
        public static string?[] Names(object? value, Func<object, object?> unwrap, Func<object, string, object?> property)
        {
            if (unwrap is null) throw new ArgumentNullException(nameof(unwrap));
            if (property is null) throw new ArgumentNullException(nameof(property));
            var names = new List<string?>();
            void Add(object? wrapped, int depth)
            {
                object? value = wrapped is null ? null : unwrap(wrapped);
                switch (value)
                {
                    case null:
                        names.Add(null);
                        return;
                    case string text:
                        names.Add(text);
                        return;
                    case IDictionary map:
                        names.Add(Text(map.Keys.Cast<object>().Where(k => s_keys.Any(n => string.Equals(n, k?.ToString(), StringComparison.OrdinalIgnoreCase)))
                            .Select(k => map[k]).FirstOrDefault(), unwrap) ?? value.ToString());
                        return;
                    case IEnumerable items when depth < 8:
                        foreach (object? item in items) Add(item, depth + 1);
                        return;
                }
                names.Add(s_keys.Select(key => Text(property(wrapped!, key), unwrap)).FirstOrDefault(n => n != null) ?? value.ToString());
            }
            Add(value, 0);
            return names.ToArray();
        }

        private static string? Text(object? value, Func<object, object?> unwrap) => value is null ? null : unwrap(value)?.ToString();
    }
}

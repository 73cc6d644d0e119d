using System.Globalization;

namespace CopilotSeats.Http
{
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, Uri uri, string endpointKey, RequestKind kind, SeatScope scope, object? target, byte[]? body = null)
        {
            Method = method; Uri = uri; EndpointKey = endpointKey; Kind = kind; Scope = scope; Target = target; Body = body;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        /// <summary>METHOD /route/template — the unit of GitHub's per-endpoint secondary limit.</summary>
        public string EndpointKey { get; }
        public RequestKind Kind { get; }
        public SeatScope Scope { get; }
        public object? Target { get; }
        public byte[]? Body { get; }
        public bool IsMutation => Method != HttpMethod.Get;
        /// <summary>Hint rows of the layer that built the request, asked before the general table (see <see cref="ErrorHints"/>).</summary>
        internal IReadOnlyList<ErrorHint>? Hints { get; set; }
        /// <summary>A change GitHub takes concurrently (budgets): paced by the points budget, not one at a time like seat changes.</summary>
        public ApiRequest WithUri(Uri uri) => new ApiRequest(Method, uri, EndpointKey, Kind, Scope, Target, Body) { Hints = Hints };
    }

    public sealed class ApiResponse
    {
        public ApiResponse(int status, IReadOnlyDictionary<string, string> headers, byte[] body, Uri uri)
        {
            Status = status; Headers = headers; Body = body; Uri = uri;
        }

        public int Status { get; }
        /// <summary>Response and content headers, case-insensitive, multiple values joined with ", ".</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public Uri Uri { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out string? v) ? v : null;

        public int? IntHeader(string name) =>
            long.TryParse(Header(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? (int)Math.Min(v, int.MaxValue) : (int?)null;
    }
}

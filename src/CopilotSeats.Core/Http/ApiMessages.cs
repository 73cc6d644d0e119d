using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using CopilotSeats.Api;

namespace CopilotSeats.Http
{
    /// <summary>What a request is for; drives error hints and budgets.</summary>
    public enum ApiOperation { OrgDetail, ListSeats, GetMemberSeat, AddSeats, RemoveSeats, AppAuthentication, UsageReport }

    /// <summary>
    /// The request in detail, set where the request is built: the operation and, for a seat change,
    /// whom it names. Unspecified only on requests built from an <see cref="ApiOperation"/> alone.
    /// </summary>
    public enum RequestKind
    {
        Unspecified,
        OrgDetail,
        ListSeats,
        MemberLookup,
        AddUsers,
        RemoveUsers,
        AddTeams,
        RemoveTeams,
        AddEnterpriseTeams,
        RemoveEnterpriseTeams,
        /// <summary>GET /orgs/{org}/installation (with the App's JWT).</summary>
        AppInstallation,
        /// <summary>GET /app/installations (with the App's JWT).</summary>
        AppInstallations,
        /// <summary>POST /app/installations/{id}/access_tokens (with the App's JWT).</summary>
        InstallationToken,
        /// <summary>GET of a Copilot usage metrics report (its download links).</summary>
        UsageReport,
    }

    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, Uri uri, string endpointKey, RequestKind kind, SeatScope scope, object? target, byte[]? body = null)
            : this(method, uri, endpointKey, OperationOf(kind), kind, scope, target, body)
        {
        }

        public ApiRequest(HttpMethod method, Uri uri, string endpointKey, ApiOperation operation, SeatScope scope, object? target, byte[]? body = null)
            : this(method, uri, endpointKey, operation, KindOf(operation), scope, target, body)
        {
        }

        private ApiRequest(HttpMethod method, Uri uri, string endpointKey, ApiOperation operation, RequestKind kind, SeatScope scope, object? target, byte[]? body)
        {
            Method = method; Uri = uri; EndpointKey = endpointKey; Operation = operation; Kind = kind; Scope = scope; Target = target; Body = body;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        /// <summary>METHOD /route/template — the unit of GitHub's per-endpoint secondary limit.</summary>
        public string EndpointKey { get; }
        public ApiOperation Operation { get; }
        public RequestKind Kind { get; }
        public SeatScope Scope { get; }
        public object? Target { get; }
        public byte[]? Body { get; }
        public bool IsMutation => Method != HttpMethod.Get;
        public ApiRequest WithUri(Uri uri) => new ApiRequest(Method, uri, EndpointKey, Operation, Kind, Scope, Target, Body);

        /// <summary>The kind of a seat change: which action, naming whom.</summary>
        public static RequestKind ChangeKind(SeatAction action, AssigneeKind assignee) => (action, assignee) switch
        {
            (SeatAction.Add, AssigneeKind.User) => RequestKind.AddUsers,
            (SeatAction.Add, AssigneeKind.Team) => RequestKind.AddTeams,
            (SeatAction.Add, _) => RequestKind.AddEnterpriseTeams,
            (_, AssigneeKind.User) => RequestKind.RemoveUsers,
            (_, AssigneeKind.Team) => RequestKind.RemoveTeams,
            _ => RequestKind.RemoveEnterpriseTeams,
        };

        internal static ApiOperation OperationOf(RequestKind kind) => kind switch
        {
            RequestKind.OrgDetail => ApiOperation.OrgDetail,
            RequestKind.ListSeats => ApiOperation.ListSeats,
            RequestKind.MemberLookup => ApiOperation.GetMemberSeat,
            RequestKind.AddUsers or RequestKind.AddTeams or RequestKind.AddEnterpriseTeams => ApiOperation.AddSeats,
            RequestKind.RemoveUsers or RequestKind.RemoveTeams or RequestKind.RemoveEnterpriseTeams => ApiOperation.RemoveSeats,
            RequestKind.AppInstallation or RequestKind.AppInstallations or RequestKind.InstallationToken => ApiOperation.AppAuthentication,
            RequestKind.UsageReport => ApiOperation.UsageReport,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A request needs a kind."),
        };

        // A seat change built from the operation alone does not say whom it names.
        private static RequestKind KindOf(ApiOperation operation) => operation switch
        {
            ApiOperation.OrgDetail => RequestKind.OrgDetail,
            ApiOperation.ListSeats => RequestKind.ListSeats,
            ApiOperation.GetMemberSeat => RequestKind.MemberLookup,
            _ => RequestKind.Unspecified,
        };
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

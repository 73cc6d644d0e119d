using System.Globalization;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>
/// GitHub's page-numbered lists: per_page (the endpoint's default when absent or below 1, at most 100), page (from 1)
/// and the Link header (prev, next, last, first) that the client follows.
/// </summary>
internal sealed class Paging(string path, int perPage, int page, int lastPage)
{
    public int PerPage { get; } = perPage;
    public int Page { get; } = page;

    /// <summary>The paging that <paramref name="request"/> asks for, over a list of <paramref name="count"/> items.</summary>
    public static Paging Of(RouteRequest request, int count, int defaultPerPage)
    {
        int perPage = ParseInt(request.Query["per_page"], defaultPerPage);
        if (perPage < 1) perPage = defaultPerPage;
        if (perPage > 100) perPage = 100;
        int page = Math.Max(1, ParseInt(request.Query["page"], 1));
        int lastPage = Math.Max(1, (count + perPage - 1) / perPage);
        string path = request.BaseUrl + "/" + string.Join("/", request.Match.Segments.Select(Uri.EscapeDataString));
        return new Paging(path, perPage, page, lastPage);
    }

    /// <summary>The items of this page.</summary>
    public IEnumerable<T> Slice<T>(IEnumerable<T> items) => items.Skip((Page - 1) * PerPage).Take(PerPage);

    /// <summary>The Link header (none on a list of one page).</summary>
    public Dictionary<string, string> Headers()
    {
        string Url(int p) => $"{path}?per_page={PerPage}&page={p}";
        var rels = new List<string>();
        if (Page > 1) rels.Add($"<{Url(Math.Min(Page - 1, lastPage))}>; rel=\"prev\"");
        if (Page < lastPage) rels.Add($"<{Url(Page + 1)}>; rel=\"next\"");
        if (Page < lastPage) rels.Add($"<{Url(lastPage)}>; rel=\"last\"");
        if (Page > 1) rels.Add($"<{Url(1)}>; rel=\"first\"");
        var headers = new Dictionary<string, string>();
        if (rels.Count > 0) headers["Link"] = string.Join(", ", rels);
        return headers;
    }

    private static int ParseInt(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : fallback;
}

namespace CopilotSeats.Http
{
    /// <summary>
    /// Redirects are followed by hand, at most 3 times, only to the API host (the token goes nowhere else),
    /// and never for a seat change that would be replayed (303, or 301/302 on a mutation).
    /// </summary>
    internal static class Redirects
    {
        internal const int MaxRedirects = 3;

        internal static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

        /// <summary>The request to send next, for the <paramref name="redirects"/>-th redirect in a row; throws when it must not be followed.</summary>
        internal static ApiRequest Follow(ApiRequest request, ApiResponse response, int redirects, Uri apiUrl, string? credential = null)
        {
            string? location = response.Header("Location");
            if (location is null || redirects > MaxRedirects)
                throw ErrorMapper.FromResponse(request, response, credential);
            var target = new Uri(request.Uri, location);
            if (response.Status == 303 || (request.IsMutation && response.Status is 301 or 302))
                throw new CopilotException("CopilotSeats.RedirectRefused", CopilotErrorCategory.ProtocolError, request.Target,
                    $"GitHub redirected {request.Method.Method} {request.Uri.AbsolutePath} with {response.Status}; a seat change is not replayed on a redirect.") { RecommendedAction = RedirectAction };
            EnsureSameOrigin(request, target, apiUrl);
            return request.WithUri(target);
        }

        /// <summary>The token only ever goes to the configured API host.</summary>
        internal static void EnsureSameOrigin(ApiRequest request, Uri target, Uri apiUrl)
        {
            if (!SameOrigin(target, apiUrl))
                throw new CopilotException("CopilotSeats.RedirectRefused", CopilotErrorCategory.ProtocolError, request.Target,
                    $"Refused to send the token to {target.Scheme}://{target.Authority}: it is not the API host {apiUrl.GetLeftPart(UriPartial.Authority)}.") { RecommendedAction = RedirectAction };
        }

        private const string RedirectAction = "Check that -ApiUrl is GitHub's REST API itself (such as https://api.github.com), not an address that redirects.";

        /// <summary>Same scheme, host and port.</summary>
        internal static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
    }
}

using CopilotSeats.Seats;

namespace CopilotSeats.Usage
{
    /// <summary>
    /// Seats with their usage: the seats of a scope listed while the latest 28-day users report downloads, each page
    /// stamped with the report's usage (<see cref="UsageSeatJoin.Stamp"/>) before it is handed on. What
    /// Get-CopilotSeat, Measure-CopilotSeat and Export-CopilotSeatReport do with -IncludeUsage.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>The report downloads alongside the first seat page; pages wait for it only to be stamped, so every page
    /// handed on carries usage (or, when the report cannot be had, none).</item>
    /// <item>A report that cannot be had (no data yet, a refusal, a failed download) is not an error: one warning says
    /// why, awaited before any page is handed on, and the seats come with null usage.</item>
    /// <item>A listing that ends without needing the report (it failed, or there were no seats) cancels the download
    /// and does not wait for it to finish; cancelling the token stops both.</item>
    /// </list>
    /// </remarks>
    public sealed class SeatsWithUsage
    {
        private readonly CopilotClient _client;
        private readonly Func<string, Task> _warning;
        private readonly Func<string, Task>? _verbose;

        /// <param name="client">The connection.</param>
        /// <param name="warning">Says why the report cannot be had (awaited).</param>
        /// <param name="verbose">Says how many lines of the report were left out (awaited); null to say nothing.</param>
        public SeatsWithUsage(CopilotClient client, Func<string, Task> warning, Func<string, Task>? verbose = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _warning = warning ?? throw new ArgumentNullException(nameof(warning));
            _verbose = verbose;
        }

        /// <summary>
        /// Lists every seat of <paramref name="scope"/> (see <see cref="CopilotClient.ListSeatsAsync"/>); with
        /// <paramref name="includeUsage"/>, each page is stamped with the 28-day users report's usage first.
        /// </summary>
        public async Task ListAsync(SeatScope scope, int pageSize, bool includeUsage, Func<IReadOnlyList<CopilotSeat>, CancellationToken, Task> onPage,
            CancellationToken cancellationToken)
        {
            if (onPage is null) throw new ArgumentNullException(nameof(onPage));
            if (!includeUsage)
            {
                await _client.ListSeatsAsync(scope, onPage, pageSize, cancellationToken).ConfigureAwait(false);
                return;
            }
            using var usageStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<UsageSeatJoin?> usage = LoadAsync(scope, usageStop.Token);
            try
            {
                await _client.ListSeatsAsync(scope, async (page, token) =>
                {
                    UsageSeatJoin? join = await usage.ConfigureAwait(false);
                    await onPage(join is null ? page : join.Stamp(page), token).ConfigureAwait(false);
                }, pageSize, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A listing that ended without needing the report (failed, or no seats) does not wait for it.
                usageStop.Cancel();
                try { await usage.ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
        }

        /// <summary>
        /// The latest 28-day users report of <paramref name="scope"/> folded into one entry per user; null (after one
        /// warning saying why) when it cannot be had, so the seats still come out, with null usage.
        /// </summary>
        public async Task<UsageSeatJoin?> LoadAsync(SeatScope scope, CancellationToken cancellationToken)
        {
            var join = new UsageSeatJoin();
            long badLines = 0;
            try
            {
                UsageReportResult result = await _client.Usage().ReadAsync(scope, UsageReportKind.Users, null, UsageRecordFormat.Typed,
                    (batch, _) => { join.Add(batch); return Task.CompletedTask; },
                    (_, __) => { Interlocked.Increment(ref badLines); return Task.CompletedTask; },
                    cancellationToken, links => join.SetWindow(links.StartDay, links.EndDay)).ConfigureAwait(false);
                if (result.Links.NoData)
                {
                    await _warning($"GitHub has no 28-day users usage report for the {scope} yet; the seats come out without usage.").ConfigureAwait(false);
                    return null;
                }
                if (badLines > 0 && _verbose != null)
                    await _verbose($"{badLines} line(s) of the usage report were not valid JSON and were left out of the usage.").ConfigureAwait(false);
                return join;
            }
            catch (CopilotException ex) when (!cancellationToken.IsCancellationRequested)
            {
                string why = ex.Message + (string.IsNullOrEmpty(ex.RecommendedAction) ? string.Empty : " " + ex.RecommendedAction);
                await _warning("The usage report could not be had, so the seats come out without usage: " + why).ConfigureAwait(false);
                return null;
            }
        }
    }
}

using CopilotSeats.Usage;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotSeat: every seat of an organization or enterprise, written page by page as it
    /// arrives; or, with -UserName, the seat(s) of the named users.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CopilotSeat", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeat))]
    public sealed class GetCopilotSeatCommand : CopilotScopeCmdlet
    {
        /// <summary>Look up these users instead of listing every seat.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [ValidateCopilotName(NameKind.Login)]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>Seats per page (per_page).</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = CopilotDefaults.PageSize;

        /// <summary>
        /// Only seats without activity for this many days, 1 to 36500 (last activity, else creation; a
        /// seat never used counts from its creation): seats whose DaysInactive is at least this. Without
        /// the parameter every seat is kept.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 36500)]
        public int InactiveDays { get; set; }

        /// <summary>Leaves out seats whose login matches one of these wildcard patterns (* ? [abc] [a-z]), case-insensitive.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNull]
        public string[]? Exclude { get; set; }

        /// <summary>
        /// Also fetch the latest 28-day users usage report and fill UsageActiveDays, UsageLastActiveDay, UsageInteractions,
        /// UsageAiCreditsUsed and UsageReportEndDay on each seat.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeUsage { get; set; }

        // Per call, so piped rows that name the same organization or user ask GitHub once: the scopes listed, the
        // (scope, login) pairs looked up, and each scope's usage report (null: it could not be had, warned once).
        private readonly HashSet<string> _listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _lookedUp = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, UsageSeatJoin?> _usage = new Dictionary<string, UsageSeatJoin?>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            NamePatterns exclude = ParsePatterns(Exclude);
            SeatScope scope = ResolveScope();
            CopilotClient client = GetClient();
            string[]? names = UserName;
            int pageSize = PageSize;
            int inactiveDays = InactiveDays;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<CopilotSeat> Select(IReadOnlyList<CopilotSeat> seats) => SeatFilter.WhereNotExcluded(SeatFilter.Stamp(seats, inactiveDays, now), exclude);
            bool includeUsage = IncludeUsage;
            if (names is null || names.Length == 0)
            {
                if (!_listed.Add(scope.ToString())) return; // listed already in this call
                // Each page is written (and the write awaited) before the next request, so a
                // downstream Select-Object -First stops the listing after the page it needed.
                RunAsync(cancellationToken => ListSeatsAsync(client, scope, pageSize, includeUsage,
                    (page, _) => WriteObjectsAsync(Select(page)), cancellationToken));
                return;
            }
            RunAsync(async cancellationToken =>
            {
                UsageSeatJoin? join = null;
                if (includeUsage && !_usage.TryGetValue(scope.ToString(), out join))
                    _usage[scope.ToString()] = join = await LoadUsageAsync(client, scope, cancellationToken).ConfigureAwait(false);
                foreach (string name in names)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (exclude.Matches(name) || !_lookedUp.Add(scope + "|" + name)) continue; // excluded, or looked up already: not looked up (again)
                    IReadOnlyList<CopilotSeat> seats;
                    try
                    {
                        seats = await client.GetUserSeatAsync(scope, name, cancellationToken).ConfigureAwait(false);
                    }
                    catch (CopilotException ex) when (!ErrorRecords.IsFatal(ex))
                    {
                        // No seat (404), pending invitation (422), ...: report and go on with the next name.
                        await WriteErrorAsync(ex, name).ConfigureAwait(false);
                        continue;
                    }
                    await WriteObjectsAsync(Select(join is null ? seats : join.Stamp(seats))).ConfigureAwait(false);
                }
            });
        }
    }
}

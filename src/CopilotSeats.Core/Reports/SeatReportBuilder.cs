using CopilotSeats.Billing;
using CopilotSeats.Seats;
using CopilotSeats.Summary;

namespace CopilotSeats.Reports
{
    /// <summary>
    /// Streaming accumulator of the report's figures (Export-CopilotSeatReport). Seats are added a page at a time;
    /// only counters are kept (the headline figures by Measure-CopilotSeat's own <see cref="SeatSummarizer"/>,
    /// seats per histogram column, editor, organization and team) plus one small row per reclaimable seat.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>The headline figures are a <see cref="SeatSummarizer"/> without grouping: the same numbers as
    /// Measure-CopilotSeat for the same seats, -InactiveDays and -Price (users, not rows, except Seats).</item>
    /// <item>The charts count seats (rows): their bars add up to Seats.</item>
    /// <item>Histogram: a seat without LastActivityAt is "never used"; the others by whole days since LastActivityAt:
    /// 0-7, 8-30, 31-60, 61-90, over 90 (91 and up).</item>
    /// <item>Editor: LastActivityEditor up to its first '/', "(none)" without one. Team: the assigning team, "(direct)"
    /// for a direct grant. Organization: "(none)" for an enterprise-level grant.</item>
    /// <item>Reclaimable: inactive (DaysInactive at least -InactiveDays, the Get-CopilotSeat -InactiveDays rule),
    /// direct (no assigning team: Remove-CopilotUser can cancel it), with an assignee (a deleted account's seat
    /// has no login to cancel) and not pending cancellation. Sorted by
    /// DaysInactive descending, the number the table shows (a seat with neither date first); a never-used seat
    /// counts from its creation like everywhere else, so it sits among the others by its age. Ties by login,
    /// then where it is granted.</item>
    /// </list>
    /// </remarks>
    public sealed class SeatReportBuilder : SeatSink, ICreditSink
    {
        private readonly SeatSummarizer _summarizer;
        private readonly int _inactiveDays;
        private readonly IReadOnlyDictionary<string, decimal> _prices;
        private readonly string _currency;
        private readonly DateTimeOffset _now;
        private readonly string? _target;
        private readonly int[] _histogram = new int[6];
        private readonly Dictionary<string, int> _editors = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _organizations = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _teams = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly List<ReclaimableSeat> _reclaimable = new List<ReclaimableSeat>();
        private readonly Dictionary<string, decimal> _userCredits = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        private CreditUsageReport? _credits;

        /// <param name="inactiveDays">The -InactiveDays threshold, at least 1.</param>
        /// <param name="prices">Monthly price per user per plan type; null for <see cref="SeatPrices.ListPrices"/>.</param>
        /// <param name="currency">Currency of <paramref name="prices"/>; null or empty for USD.</param>
        /// <param name="now">The time DaysInactive is counted to, shown as the generation time.</param>
        /// <param name="target">The listed scope ("organization x"); null for piped seats (the page names the organizations seen).</param>
        /// <param name="scopeName">The listed organization or enterprise (the summary's Name, as Measure-CopilotSeat names it).</param>
        public SeatReportBuilder(int inactiveDays, IReadOnlyDictionary<string, decimal>? prices, string? currency, DateTimeOffset now, string? target = null, string? scopeName = null)
        {
            _summarizer = new SeatSummarizer(inactiveDays, prices, currency, SeatGrouping.None, now, scopeName);
            _inactiveDays = inactiveDays;
            _prices = prices ?? SeatPrices.ListPrices;
            _currency = string.IsNullOrEmpty(currency) ? SeatPrices.DefaultCurrency : currency!;
            _now = now.ToUniversalTime();
            _target = target;
        }

        /// <summary>The histogram column of a seat at <paramref name="now"/>.</summary>
        public static InactivityBucket BucketOf(CopilotSeat seat, DateTimeOffset now)
        {
            if (seat is null) throw new ArgumentNullException(nameof(seat));
            if (seat.LastActivityAt is null) return InactivityBucket.NeverUsed;
            int days = SeatFilter.DaysInactive(seat, now) ?? 0;
            return days <= 7 ? InactivityBucket.Days0To7
                : days <= 30 ? InactivityBucket.Days8To30
                : days <= 60 ? InactivityBucket.Days31To60
                : days <= 90 ? InactivityBucket.Days61To90
                : InactivityBucket.Over90;
        }

        /// <summary>The histogram column's label: 0-7, 8-30, 31-60, 61-90, over 90, never used.</summary>
        public static string LabelOf(InactivityBucket bucket)
        {
            switch (bucket)
            {
                case InactivityBucket.Days0To7: return "0-7";
                case InactivityBucket.Days8To30: return "8-30";
                case InactivityBucket.Days31To60: return "31-60";
                case InactivityBucket.Days61To90: return "61-90";
                case InactivityBucket.Over90: return "over 90";
                case InactivityBucket.NeverUsed: return "never used";
                default: throw new ArgumentOutOfRangeException(nameof(bucket));
            }
        }

        /// <summary>True when the seat belongs in the reclaimable table: inactive, direct, with an assignee and not pending cancellation.</summary>
        public static bool IsReclaimable(CopilotSeat seat, int inactiveDays, DateTimeOffset now) =>
            seat != null
            && SeatMapper.HasAssignee(seat)
            && string.IsNullOrEmpty(seat.AssigningTeam)
            && seat.PendingCancellationDate is null
            && SeatFilter.IsInactive(seat, inactiveDays, now);

        protected override void AddLocked(CopilotSeat seat)
        {
            if (seat is null) return;
            _summarizer.Add(seat);
            _histogram[(int)BucketOf(seat, _now)]++;
            Increment(_editors, SeatSummarizer.EditorOf(seat.LastActivityEditor));
            Increment(_organizations, string.IsNullOrEmpty(seat.Organization) ? SeatSummarizer.NoneGroup : seat.Organization!);
            Increment(_teams, string.IsNullOrEmpty(seat.AssigningTeam) ? SeatSummarizer.DirectGroup : seat.AssigningTeam!);
            if (seat.UsageAiCreditsUsed is decimal signal && !string.IsNullOrEmpty(seat.Login))
                _userCredits[seat.Login!] = _userCredits.TryGetValue(seat.Login!, out decimal seen) ? Math.Max(seen, signal) : signal;
            if (!IsReclaimable(seat, _inactiveDays, _now)) return;
            decimal price = seat.PlanType != null && _prices.TryGetValue(seat.PlanType, out decimal listed) ? listed : 0m;
            _reclaimable.Add(new ReclaimableSeat(seat, SeatFilter.DaysInactive(seat, _now), price));
        }

        /// <summary>Included AI credits per user per plan type (-IncludedCredits); GitHub's allowances by default.</summary>
        public IReadOnlyDictionary<string, decimal> CreditAllowances { get => _summarizer.CreditAllowances; set => _summarizer.CreditAllowances = value; }

        public DateTimeOffset Now => _summarizer.Now;

        /// <summary>-IncludeCredits was given: a page without the credit report then says it could not be read.</summary>
        public bool CreditsAsked { get; set; }

        public void AddCredits(CreditUsageReport report)
        {
            lock (Sync)
            {
                _summarizer.AddCredits(report);
                _credits = report;
            }
        }

        private CreditSection? CreditsSection() => _credits is null ? null : new CreditSection
        {
            ReclaimableUsers = _summarizer.ReclaimableUsers,
            ByModel = Totals(_credits.Items, i => i.Model),
            ByProduct = Totals(_credits.Items, i => i.Product),
            TopUsers = _userCredits.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.OrdinalIgnoreCase).Take(10)
                .Select(u => new ReportBar(u.Key, (int)Math.Round(u.Value))).ToList(),
        };

        private static List<ReportBar> Totals(IEnumerable<CopilotCreditUsage> items, Func<CopilotCreditUsage, string?> key) =>
            items.GroupBy(i => key(i) ?? SeatSummarizer.NoneGroup, StringComparer.OrdinalIgnoreCase)
                .Select(g => new ReportBar(g.Key, (int)Math.Round(g.Sum(i => i.GrossQuantity))))
                .OrderByDescending(b => b.Count).ThenBy(b => b.Label, StringComparer.OrdinalIgnoreCase).ToList();

        private static void Increment(Dictionary<string, int> counts, string key)
        {
            counts.TryGetValue(key, out int count);
            counts[key] = count + 1;
        }

        /// <summary>The figures so far (the builder can go on accumulating).</summary>
        public SeatReport Complete()
        {
            lock (Sync)
            {
                CopilotSeatSummary summary = _summarizer.Complete()[0];
                return new SeatReport
                {
                    Target = _target ?? summary.Name ?? "no seats",
                    GeneratedAt = _now,
                    InactiveDays = _inactiveDays,
                    Prices = new SortedDictionary<string, decimal>(_prices.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase),
                    Currency = _currency,
                    Summary = summary,
                    Histogram = Enum.GetValues(typeof(InactivityBucket)).Cast<InactivityBucket>()
                        .Select(b => new ReportBar(LabelOf(b), _histogram[(int)b])).ToList(),
                    ByEditor = Bars(_editors),
                    ByOrganization = Bars(_organizations),
                    OrganizationCount = _organizations.Count,
                    ByTeam = Bars(_teams),
                    Reclaimable = _reclaimable
                        .OrderByDescending(r => r.DaysInactive ?? int.MaxValue)
                        .ThenBy(r => r.Login, StringComparer.OrdinalIgnoreCase)
                        .ThenBy(r => r.GrantedIn, StringComparer.OrdinalIgnoreCase)
                        .ToList(),
                    UnknownPlanWarning = _summarizer.UnknownPlanWarning(),
                    NoAllowanceWarning = _summarizer.NoAllowanceWarning(),
                    Credits = CreditsSection(),
                    CreditsAsked = CreditsAsked,
                };
            }
        }

        /// <summary>The bars of a chart, largest first, then by label.</summary>
        private static List<ReportBar> Bars(Dictionary<string, int> counts) =>
            counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
                .Select(c => new ReportBar(c.Key, c.Value)).ToList();
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CopilotSeats.Summary;
using CopilotSeats.Validation;

using CopilotSeats.Commands.Completion;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Measure-CopilotSeat: seat counts and monthly cost of piped seats, or of an organization or
    /// enterprise it lists itself; one summary, or one per group with -GroupBy. The arithmetic is
    /// Core's <see cref="SeatSummarizer"/>; only counters per unique user and group are kept.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "CopilotSeat", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatSummary))]
    public sealed class MeasureCopilotSeatCommand : CopilotApiCmdlet
    {
        internal const string InputObjectSet = "InputObject";

        private IReadOnlyDictionary<string, decimal>? _prices;
        private SeatSummarizer? _summarizer;
        private bool _complete;

        /// <summary>Seats to summarise, usually piped from Get-CopilotSeat.</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        public CopilotSeat[]? InputObject { get; set; }

        /// <summary>Organization to list and summarise; otherwise the Connect-Copilot default.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Position = 0)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        /// <summary>Enterprise to list and summarise.</summary>
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true)]
        [ValidateCopilotName(NameKind.Enterprise)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        /// <summary>Seats per page (per_page) while listing.</summary>
        [Parameter(ParameterSetName = OrganizationSet)]
        [Parameter(ParameterSetName = EnterpriseSet)]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = CopilotDefaults.PageSize;

        /// <summary>While listing, also fetch the latest 28-day users usage report: the summary then counts UsageActive.</summary>
        [Parameter(ParameterSetName = OrganizationSet)]
        [Parameter(ParameterSetName = EnterpriseSet)]
        public SwitchParameter IncludeUsage { get; set; }

        /// <summary>A user is active when a seat of theirs was used within this many days (the -InactiveDays rule of Get-CopilotSeat).</summary>
        [Parameter]
        [ValidateRange(1, 36500)]
        public int InactiveDays { get; set; } = 30;

        /// <summary>One summary per organization, team, editor or plan type.</summary>
        [Parameter]
        [ValidateSet("Organization", "Team", "Editor", "PlanType", IgnoreCase = true)]
        public string? GroupBy { get; set; }

        /// <summary>Monthly price per user of each plan type; default @{ business = 19; enterprise = 39 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Price { get; set; }

        /// <summary>Currency of -Price, shown in the Currency property.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = SeatPrices.DefaultCurrency;

        protected override void BeginProcessing()
        {
            try
            {
                _prices = PriceParameter.Parse(Price);
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                SeatSummarizer forInput = Summarizer(null);
                if (InputObject != null) forInput.Add(InputObject);
                _complete = true;
                return;
            }
            SeatScope scope = ResolveScope(Organization, Enterprise);
            SeatSummarizer summarizer = Summarizer(scope.Name);
            Seats.CopilotClient client = GetClient();
            int pageSize = PageSize;
            bool includeUsage = IncludeUsage;
            RunAsync(async cancellationToken =>
            {
                using var usageStop = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var usage = includeUsage ? LoadUsageAsync(client, scope, usageStop.Token) : System.Threading.Tasks.Task.FromResult<Usage.UsageSeatJoin?>(null);
                try
                {
                    // Pages are only counted, never written: nothing is kept but the summarizer's counters.
                    await client.ListSeatsAsync(scope, async (page, _) =>
                    {
                        Usage.UsageSeatJoin? join = await usage.ConfigureAwait(false);
                        summarizer.Add(join is null ? page : join.Stamp(page));
                    }, pageSize, cancellationToken).ConfigureAwait(false);
                    _complete = true;
                }
                finally
                {
                    usageStop.Cancel();
                    try { await usage.ConfigureAwait(false); } catch (System.OperationCanceledException) { }
                }
            });
        }

        /// <summary>The summarizer, created on the first record (the parameter set is only known once input is bound).</summary>
        private SeatSummarizer Summarizer(string? name)
        {
            if (_summarizer != null) return _summarizer;
            SeatGrouping grouping = GroupBy is null ? SeatGrouping.None : (SeatGrouping)Enum.Parse(typeof(SeatGrouping), GroupBy, ignoreCase: true);
            _summarizer = new SeatSummarizer(InactiveDays, _prices, Currency, grouping, DateTimeOffset.UtcNow, name);
            return _summarizer;
        }

        protected override void EndProcessing()
        {
            // Nothing piped in (an empty upstream): an empty summary, as Measure-Object counts 0.
            if (_summarizer is null && MyInvocation.ExpectingInput)
            {
                Summarizer(null);
                _complete = true;
            }
            // A listing that failed part way is not summarised (its error was written).
            if (!_complete || _summarizer is null) return;
            string? warning = _summarizer.UnknownPlanWarning();
            if (warning != null) WriteWarning(warning);
            foreach (CopilotSeatSummary summary in _summarizer.Complete()) WriteObject(summary);
        }
    }
}

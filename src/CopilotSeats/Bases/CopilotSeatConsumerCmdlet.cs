using CopilotSeats.Billing;
using CopilotSeats.Summary;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of the cmdlets that take piped seats or list an organization or enterprise themselves and fold the seats
    /// into one Core <see cref="ISeatSink"/> (Measure-CopilotSeat: a summarizer; Export-CopilotSeatReport: a report
    /// builder): their shared parameters, and the "piped seats or list them" skeleton. Only the sink's counters are
    /// kept; no seat is written to the pipeline. The command says what its sink is and what it does with it at the end.
    /// </summary>
    /// <remarks>
    /// Not generic over the sink: a Core type in a cmdlet's type hierarchy would be loaded when PowerShell first scans
    /// the module's types, before the module initializer can resolve Core (see Loading/ModuleInitializer.cs).
    /// </remarks>
    public abstract class CopilotSeatConsumerCmdlet : CopilotApiCmdlet
    {
        internal const string InputObjectSet = "InputObject";

        private IReadOnlyDictionary<string, decimal>? _prices;
        private IReadOnlyDictionary<string, decimal>? _allowances;
        private ISeatSink? _sink;
        private bool _complete;
        private readonly CreditTarget _pipedTarget = new CreditTarget();

        /// <summary>Seats to summarise or report on, usually piped from Get-CopilotSeat; also rows of an exported seat list (Import-Csv, ConvertFrom-Json) and deserialized seats (Import-Clixml, jobs).</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [RecordTransformation(typeof(CopilotSeat))]
        public CopilotSeat[]? InputObject { get; set; }

        /// <summary>Organization to list; otherwise the Connect-Copilot default.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Position = 0)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public virtual string? Organization { get; set; }

        /// <summary>Enterprise to list.</summary>
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

        /// <summary>Also read the AI-credit usage report of this month (one request) of the target, or of the one target of the piped seats: the pool-aware figures.</summary>
        [Parameter]
        public SwitchParameter IncludeCredits { get; set; }

        /// <summary>Included AI credits per user per month: one number for every plan type, or a hashtable of plan type to credits; default @{ business = 1900; enterprise = 3900 }. Implies -IncludeCredits.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? IncludedCredits { get; set; }

        /// <summary>A user is active when a seat of theirs was used within this many days (the -InactiveDays rule of Get-CopilotSeat); a seat unused for this many days is inactive.</summary>
        [Parameter]
        [ValidateRange(1, 36500)]
        public int InactiveDays { get; set; } = 30;

        /// <summary>Monthly price per user: one number for every plan type (-Price 19), or a hashtable of plan type to price; default @{ business = 19; enterprise = 39 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Price { get; set; }

        /// <summary>Currency of -Price, shown in the Currency property and beside every amount.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = SeatPrices.DefaultCurrency;

        /// <summary>-IncludeCredits, or -IncludedCredits, which implies it (as Get-ChildItem -Depth implies -Recurse).</summary>
        protected bool WantsCredits => IncludeCredits || IncludedCredits != null;

        /// <summary>The -Price table (null for GitHub's list prices), read in BeginProcessing.</summary>
        protected IReadOnlyDictionary<string, decimal>? Prices => _prices;

        /// <summary>The -IncludedCredits table (null for GitHub's allowances), read in BeginProcessing.</summary>
        protected IReadOnlyDictionary<string, decimal>? Allowances => _allowances;

        /// <summary>The sink for this run: <paramref name="scope"/> is the listed organization or enterprise, null for piped seats.</summary>
        protected abstract ISeatSink CreateSink(SeatScope? scope);

        /// <summary>What the command makes of the seats once all are in (not called when a listing failed part way); <paramref name="sink"/> is the one <see cref="CreateSink"/> made.</summary>
        protected abstract void Complete(ISeatSink sink);

        protected override void BeginProcessing()
        {
            try
            {
                _prices = PriceParameter.Parse(Price);
                _allowances = PriceParameter.Parse(IncludedCredits, "-IncludedCredits");
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
                ISeatSink forInput = Sink(null);
                if (InputObject != null)
                {
                    forInput.Add(InputObject);
                    if (WantsCredits) _pipedTarget.Add(InputObject);
                }
                _complete = true;
                return;
            }
            SeatScope scope = ResolveScope(Organization, Enterprise);
            ISeatSink sink = Sink(scope);
            CopilotClient client = GetClient();
            int pageSize = PageSize;
            bool includeUsage = IncludeUsage, includeCredits = WantsCredits;
            RunAsync(async cancellationToken =>
            {
                // Pages are only counted, never written: nothing is kept but the sink's counters.
                await ListSeatsAsync(client, scope, pageSize, includeUsage, (page, _) =>
                {
                    sink.Add(page);
                    return Task.CompletedTask;
                }, cancellationToken).ConfigureAwait(false);
                if (includeCredits && sink is ICreditSink credits) await AddCreditsAsync(client, scope, credits, cancellationToken).ConfigureAwait(false);
                _complete = true;
            });
        }

        /// <summary>The current month's AI-credit usage report of the target into the sink; a refusal is one non-terminating error, and the figures stay empty.</summary>
        private async Task AddCreditsAsync(CopilotClient client, SeatScope scope, ICreditSink sink, CancellationToken cancellationToken)
        {
            try
            {
                sink.AddCredits(await client.Billing().GetAsync(sink.CurrentMonthQuery(scope), cancellationToken).ConfigureAwait(false));
            }
            catch (CopilotException ex) when (!ErrorRecords.IsFatal(ex))
            {
                await WriteErrorAsync(ex, scope.Name).ConfigureAwait(false);
            }
        }

        protected override void EndProcessing()
        {
            // Nothing piped in (an empty upstream): as Measure-Object counts 0, an empty sink.
            if (_sink is null && MyInvocation.ExpectingInput)
            {
                Sink(null);
                _complete = true;
            }
            // A listing that failed part way is not completed (its error was written).
            if (!_complete || _sink is null) return;
            if (WantsCredits && ParameterSetName == InputObjectSet && _sink is ICreditSink credits) AddPipedCredits(credits);
            Complete(_sink);
        }

        /// <summary>The report of the piped seats' one target; without one target, one non-terminating error and the figures stay empty.</summary>
        private void AddPipedCredits(ICreditSink sink)
        {
            try
            {
                if (_pipedTarget.Resolve() is not SeatScope scope) return;
                CopilotClient client = GetClient();
                RunAsync(cancellationToken => AddCreditsAsync(client, scope, sink, cancellationToken));
            }
            catch (CopilotException ex)
            {
                WriteError(ErrorRecords.From(ex));
            }
        }

        /// <summary>The sink, created on the first record (the parameter set is only known once input is bound).</summary>
        private ISeatSink Sink(SeatScope? scope) => _sink ??= CreateSink(scope);
    }
}

using CopilotSeats.Billing;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotCreditUsage: GitHub's AI-credit usage report of an organization or enterprise for a month (or a day),
    /// one CopilotCreditUsage per usage item; with -UserName (or piped seats, through Login) one report per user, sent
    /// concurrently within the request engine's budget and written in input order. The period is checked before any
    /// request (CopilotSeats.InvalidPeriod).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CopilotCreditUsage", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotCreditUsage), typeof(string))]
    public sealed class GetCopilotCreditUsageCommand : CopilotScopeCmdlet
    {
        /// <summary>Four-digit year; GitHub's default is the current year.</summary>
        [Parameter]
        public int Year { get; set; }

        /// <summary>Month, 1 to 12; GitHub's default is the current month.</summary>
        [Parameter]
        public int Month { get; set; }

        /// <summary>One day of -Month.</summary>
        [Parameter]
        public int Day { get; set; }

        /// <summary>Only this model (case-insensitive).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Model { get; set; }

        /// <summary>Only this product (case-insensitive).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Product { get; set; }

        /// <summary>Enterprise only: the cost center's id; none selects usage outside any cost center.</summary>
        [Parameter(ParameterSetName = EnterpriseSet)]
        [ValidateNotNullOrEmpty]
        public string? CostCenterId { get; set; }

        /// <summary>Enterprise only: the usage billed to this organization (GitHub's organization filter).</summary>
        [Parameter(ParameterSetName = EnterpriseSet)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? InOrganization { get; set; }

        /// <summary>One report per user, in input order; a user without usage writes nothing. Binds a piped seat's Login.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Login")]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [ValidateCopilotName(NameKind.Login, AllowEmpty = true)]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>GitHub's JSON answer, one string per report.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Credits are spent per enterprise user: a piped enterprise seat row asks the enterprise's report, not the organization's.</summary>
        protected override bool PerEnterpriseUser => true;

        private CreditPeriod? _period;
        private PerUserSpend? _perUser;
        private int? _total;

        protected override void ProcessRecord()
        {
            try
            {
                _period ??= CreditPeriod.Resolve(Bound(nameof(Year), Year), Bound(nameof(Month), Month), Bound(nameof(Day), Day), DateTimeOffset.UtcNow);
                SeatScope scope = ResolveScope();
                CreditUsageQuery query = Query(scope);
                query.Validate();
                CopilotClient client = GetClient();
                if (!MyInvocation.BoundParameters.ContainsKey(nameof(UserName)))
                {
                    RunAsync(async cancellationToken => await Write(await client.Billing().GetAsync(query, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false));
                    return;
                }
                if (_perUser != null && !_perUser.Scope.Equals(scope)) Complete();
                if (_perUser is null || !_perUser.Scope.Equals(scope))
                {
                    _perUser = client.Billing().PerUser(query, HandOnAsync);
                    _total = MyInvocation.ExpectingInput ? (int?)null : UserName?.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.OrdinalIgnoreCase).Count();
                }
                PerUserSpend perUser = _perUser;
                foreach (string? name in UserName ?? Array.Empty<string>())
                {
                    if (string.IsNullOrEmpty(name)) continue; // a seat of a deleted account: no user to ask about
                    // The command's stop token, not this run's: the request outlives the run that started it.
                    RunAsync(_ => perUser.AddAsync(name!, StopToken), keepProgress: true); // one bar for the run, completed by Complete
                }
            }
            catch (CopilotException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
            }
        }

        protected override void EndProcessing()
        {
            if (_perUser != null) Complete();
        }

        private void Complete()
        {
            PerUserSpend perUser = _perUser!;
            RunAsync(_ => perUser.CompleteAsync(StopToken));
        }

        private int? Bound(string parameter, int value) => MyInvocation.BoundParameters.ContainsKey(parameter) ? value : (int?)null;

        private CreditUsageQuery Query(SeatScope scope) => new CreditUsageQuery(scope, _period!)
        {
            Model = Model, Product = Product, CostCenterId = CostCenterId, Organization = InOrganization,
        };

        private Task HandOnAsync(UserSpend spend, CancellationToken cancellationToken)
        {
            PerUserSpend perUser = _perUser!;
            return Post(() =>
            {
                if (spend.Error != null) WriteError(ErrorRecords.From(spend.Error, spend.User));
                else Write(spend.Report!);
                Progress.Credits(perUser.Done, _total);
            });
        }

        private Task Write(CreditUsageReport report) => Post(() => WriteReport(report));

        private void WriteReport(CreditUsageReport report)
        {
            if (Raw) WriteObject(report.Json);
            else foreach (CopilotCreditUsage item in report.Items) WriteObject(item);
        }
    }
}

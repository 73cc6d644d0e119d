using CopilotSeats.Usage;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Get-CopilotUsage: streams one of GitHub's Copilot usage metrics reports of an organization or enterprise — the
    /// latest 28-day report, or the 1-day report of -Day — writing each record as soon as it is parsed.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CopilotUsage", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotUserUsage), typeof(PSObject), typeof(string))]
    public sealed class GetCopilotUsageCommand : CopilotScopeCmdlet
    {
        /// <summary>Users (per user and day, the default), Summary (the org or enterprise per day), UserTeams or Repositories (these two need -Day).</summary>
        [Parameter]
        [ValidateSet("Users", "Summary", "UserTeams", "Repositories", IgnoreCase = true)]
        public string Report { get; set; } = "Users";

        /// <summary>The 1-day report of this day; without it, the latest 28-day report.</summary>
        [Parameter]
        public DateTime Day { get; set; }

        /// <summary>Each record's JSON text as a string, for any report.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        private readonly HashSet<string> _read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            var kind = (UsageReportKind)Enum.Parse(typeof(UsageReportKind), Report, ignoreCase: true);
            DateTime? day = MyInvocation.BoundParameters.ContainsKey(nameof(Day)) ? Day.Date : (DateTime?)null;
            SeatScope scope = ResolveScope();
            if (day is null && UsageReportSpec.NeedsDay(kind)) ThrowTerminatingError(ErrorRecords.From(UsageReportSpec.DayRequired(kind, scope)));
            if (!_read.Add(scope.ToString())) return; // piped seats name their target again and again: each report once
            CopilotClient client = GetClient();
            UsageRecordFormat format = Raw ? UsageRecordFormat.Raw : UsageRecordFormat.Typed;
            RunAsync(async cancellationToken =>
            {
                UsageReportResult result = await client.Usage().ReadAsync(scope, kind, day, format,
                    (batch, _) => Post(() =>
                    {
                        foreach (object record in batch) WriteObject(UsageOutput.ToPipeline(record));
                    }),
                    (error, _) => WriteErrorAsync(error, error.TargetObject),
                    cancellationToken).ConfigureAwait(false);
                if (result.Links.NoData)
                {
                    string message = day.HasValue
                        ? $"GitHub has no usage data for {UsageReportSpec.Text(day.Value)} in the {scope} (data can lag a few days); nothing was written. Pick another -Day."
                        : $"GitHub has no 28-day {kind} report for the {scope} yet; nothing was written.";
                    await Post(() => WriteWarning(message)).ConfigureAwait(false);
                }
            });
        }
    }

    /// <summary>Report records as PowerShell sees them: JSON objects become PSObjects with the record's own property names.</summary>
    internal static class UsageOutput
    {
        public static object? ToPipeline(object? value)
        {
            switch (value)
            {
                case JsonRecord record:
                    var o = new PSObject();
                    foreach (KeyValuePair<string, object?> p in record.Properties) o.Properties.Add(new PSNoteProperty(p.Key, ToPipeline(p.Value)));
                    return o;
                case object?[] items:
                    var list = new object?[items.Length];
                    for (int i = 0; i < items.Length; i++) list[i] = ToPipeline(items[i]);
                    return list;
                default:
                    return value;
            }
        }
    }
}

using CopilotSeats.Sync;

namespace CopilotSeats.Commands
{
    /// <summary>
    /// Compare-CopilotSeat: the plan that makes an organization's or enterprise's seats match a reference set of users:
    /// one CopilotSeatPlanItem per login that needs attention (Add, Remove, Restore, Conflict, Skip; Keep with
    /// -IncludeEqual). GET requests only: one seat listing, streamed.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "CopilotSeat", DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(CopilotSeatPlanItem))]
    public sealed class CompareCopilotSeatCommand : CopilotSeatPlanCmdlet
    {
        /// <summary>Organization; otherwise the Connect-Copilot default.</summary>
        [Parameter(ParameterSetName = OrganizationSet)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public string? Organization { get; set; }

        /// <summary>Enterprise slug.</summary>
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true)]
        [ValidateCopilotName(NameKind.Enterprise)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        protected override void ProcessRecord() => Gather(Reference);

        protected override void EndProcessing()
        {
            StopUnlessInputBound(Enterprise ?? Organization);
            WarnIgnored(Reference);
            SeatScope scope = ResolveScope(Organization, Enterprise);
            CopilotClient client = GetClient();
            var planner = new SeatPlanner(scope, Reference, PlanOptions(IncludeEqual));
            RunAsync(cancellationToken => SeatSync.CompareAsync(client, scope, planner, (items, _) => WriteObjectsAsync(items), cancellationToken));
        }
    }
}

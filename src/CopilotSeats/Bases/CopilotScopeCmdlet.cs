namespace CopilotSeats.Commands
{
    /// <summary>
    /// Base of the cmdlets that act on one organization or enterprise named by -Organization or -Enterprise (each its
    /// own parameter set) or by the properties of a piped object, such as a seat (Get-CopilotSeat, Get-CopilotUsage,
    /// Test-CopilotConnection, the seat changes).
    /// </summary>
    public abstract class CopilotScopeCmdlet : CopilotApiCmdlet
    {
        /// <summary>Organization; otherwise the Connect-Copilot default. Binds by property name, so a piped seat goes back to its own organization.</summary>
        [Parameter(ParameterSetName = OrganizationSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateCopilotName(NameKind.Organization)]
        [ArgumentCompleter(typeof(OrganizationCompleter))]
        public virtual string? Organization { get; set; }

        /// <summary>Enterprise slug (binds by property name too).</summary>
        [Parameter(ParameterSetName = EnterpriseSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateCopilotName(NameKind.Enterprise)]
        [ArgumentCompleter(typeof(EnterpriseCompleter))]
        public string? Enterprise { get; set; }

        /// <summary>The bound organization or enterprise, else the session's; else a terminating NoTarget error.</summary>
        protected SeatScope ResolveScope() => ResolveScope(Organization, Enterprise);
    }
}

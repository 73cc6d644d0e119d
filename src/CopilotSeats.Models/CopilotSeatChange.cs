namespace CopilotSeats
{
    /// <summary>The outcome of one add or cancel request (at most 100 names).</summary>
    public sealed class CopilotSeatChange
    {
        public string? Organization { get; set; }
        public string? Enterprise { get; set; }
        /// <summary>Add or Remove.</summary>
        public string Action { get; set; } = string.Empty;
        /// <summary>User, Team or EnterpriseTeam.</summary>
        public string AssigneeType { get; set; } = string.Empty;
        /// <summary>The names sent in the request; exports as one column, the names comma-separated.</summary>
        public CopilotNameList Requested { get; set; } = CopilotNameList.Empty;
        public int SeatsChanged { get; set; }
        /// <summary>The run in the change journal (for Undo-CopilotSeatChange -RunId); null under -NoJournal.</summary>
        public Guid? RunId { get; set; }

        public override string ToString() => $"{Action} {AssigneeType} x{Requested.Length}: {SeatsChanged}";
    }
}

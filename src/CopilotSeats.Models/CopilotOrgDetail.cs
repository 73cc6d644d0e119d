namespace CopilotSeats
{
    /// <summary>Copilot billing settings and seat breakdown of an organization.</summary>
    public sealed class CopilotOrgDetail
    {
        public string? Organization { get; set; }
        public string? PlanType { get; set; }
        public string? SeatManagementSetting { get; set; }
        public string? PublicCodeSuggestions { get; set; }
        public string? IdeChat { get; set; }
        public string? PlatformChat { get; set; }
        public string? Cli { get; set; }
        public int TotalSeats { get; set; }
        public int AddedThisCycle { get; set; }
        public int PendingInvitation { get; set; }
        public int PendingCancellation { get; set; }
        public int ActiveThisCycle { get; set; }
        public int InactiveThisCycle { get; set; }

        public override string ToString() => Organization ?? string.Empty;
    }
}

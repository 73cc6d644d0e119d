namespace CopilotSeats.Http
{
    /// <summary>What a request is for, set where the request is built; drives error hints and budgets.</summary>
    public enum RequestKind
    {
        OrgDetail,
        ListSeats,
        MemberLookup,
        AddUsers,
        RemoveUsers,
        AddTeams,
        RemoveTeams,
        AddEnterpriseTeams,
        RemoveEnterpriseTeams,
        /// <summary>GET /orgs/{org}/installation or GET /enterprises/{enterprise}/installation (with the App's JWT).</summary>
        AppInstallation,
        /// <summary>POST /app/installations/{id}/access_tokens (with the App's JWT).</summary>
        InstallationToken,
        /// <summary>GET of a Copilot usage metrics report (its download links).</summary>
        UsageReport,
        /// <summary>GET of GitHub's budgets (the list, one budget).</summary>
        Budgets,
        /// <summary>POST, PATCH or DELETE of a budget.</summary>
        BudgetChange,
        /// <summary>GET of an AI-credit usage report (/organizations/{org}/settings/billing/ai_credit/usage, the enterprise one).</summary>
        CreditUsage,
    }

    public static class RequestKinds
    {
        /// <summary>A seat assignment or cancellation, of users or teams.</summary>
        public static bool IsSeatChange(this RequestKind kind) => kind is RequestKind.AddUsers or RequestKind.RemoveUsers
            or RequestKind.AddTeams or RequestKind.RemoveTeams or RequestKind.AddEnterpriseTeams or RequestKind.RemoveEnterpriseTeams;

        /// <summary>
        /// A change that goes concurrently, paced by the points budget alone rather than one at a time and spaced:
        /// budget writes (assumed not content-creating requests; README, "AI-credit budgets").
        /// </summary>
        public static bool IsConcurrentChange(this RequestKind kind) => kind == RequestKind.BudgetChange;

        /// <summary>The command that shows the state a request of this kind reads or changes: seats or budgets; null for others.</summary>
        public static string? StateCommand(this RequestKind kind) => kind is RequestKind.Budgets or RequestKind.BudgetChange ? "Get-CopilotBudget"
            : kind.IsSeatChange() || kind is RequestKind.ListSeats or RequestKind.MemberLookup ? "Get-CopilotSeat" : null;

        /// <summary>The kind of a seat change: which action, naming whom.</summary>
        public static RequestKind ChangeKind(SeatAction action, AssigneeKind assignee) => (action, assignee) switch
        {
            (SeatAction.Add, AssigneeKind.User) => RequestKind.AddUsers,
            (SeatAction.Add, AssigneeKind.Team) => RequestKind.AddTeams,
            (SeatAction.Add, _) => RequestKind.AddEnterpriseTeams,
            (_, AssigneeKind.User) => RequestKind.RemoveUsers,
            (_, AssigneeKind.Team) => RequestKind.RemoveTeams,
            _ => RequestKind.RemoveEnterpriseTeams,
        };
    }
}

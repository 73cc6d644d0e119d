namespace CopilotSeats.Core.Tests;

/// <summary>The message's cause and the RecommendedAction come from the same row of ErrorMapper's table.</summary>
public class ErrorMapperTableTests
{
    private static (string Hint, string? Action, CopilotApiException Error) Map(int status, RequestKind kind, bool enterprise = false)
    {
        var scope = enterprise ? SeatScope.ForEnterprise("octo-ent") : SeatScope.ForOrganization("octo-org");
        var uri = new Uri("https://api.github.com/x");
        var method = kind is RequestKind.OrgDetail or RequestKind.ListSeats or RequestKind.MemberLookup ? HttpMethod.Get : HttpMethod.Post;
        var request = new ApiRequest(method, uri, "k", kind, scope, "octocat") { Hints = kind == RequestKind.UsageReport ? Usage.UsageErrorHints.Rows : null };
        var response = new ApiResponse(status, new Dictionary<string, string>(), System.Text.Encoding.UTF8.GetBytes("{\"message\":\"m\"}"), uri);
        var answer = new ErrorAnswer(request, response);
        ErrorHint? row = ErrorHints.Find(answer);
        return (row?.Cause(answer) ?? string.Empty, row?.Action(answer), ErrorMapper.FromResponse(request, response));
    }

    public static IEnumerable<object[]> Cases() =>
        from status in new[] { 401, 403, 404, 410, 422, 429, 500, 503 }
        from kind in Enum.GetValues<RequestKind>()
        select new object[] { status, kind };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_known_status_has_a_cause_in_the_message_and_a_separate_action(int status, RequestKind kind)
    {
        var (hint, action, error) = Map(status, kind);
        Assert.NotEqual(string.Empty, hint);
        Assert.False(string.IsNullOrEmpty(action));
        Assert.EndsWith(hint, error.Message);
        Assert.Equal(action, error.RecommendedAction);
        Assert.DoesNotContain(action!, error.Message);
    }

    [Theory]
    [InlineData(400, RequestKind.AddUsers, CopilotErrorCategory.InvalidArgument, "check the target's state with Get-CopilotSeat.")]
    [InlineData(409, RequestKind.AddUsers, CopilotErrorCategory.InvalidOperation, "check the target's state with Get-CopilotSeat.")]
    [InlineData(418, RequestKind.BudgetChange, CopilotErrorCategory.InvalidOperation, "check the target's state with Get-CopilotBudget.")]
    [InlineData(405, RequestKind.UsageReport, CopilotErrorCategory.InvalidOperation, "check the names and parameters passed.")]
    public void Other_statuses_have_no_row_but_a_category_and_a_fallback_action(int status, RequestKind kind, CopilotErrorCategory category, string then)
    {
        var (hint, action, error) = Map(status, kind);
        Assert.Equal(string.Empty, hint);
        Assert.Null(action);
        Assert.Equal("Run the command again; if GitHub refuses it again, " + then, error.RecommendedAction);
        Assert.Equal(category, error.Category);
        Assert.StartsWith($"GitHub answered {status} {ErrorMapper.Reason(status)} to ".Replace("  ", " "), error.Message);
    }

    [Theory]
    [InlineData(RequestKind.RemoveUsers, "granted through a team", "Remove-CopilotTeam")]
    [InlineData(RequestKind.AddUsers, "a name is not a member or team", "Get-CopilotOrgDetail")]
    [InlineData(RequestKind.RemoveEnterpriseTeams, "a name is not a member or team", "Get-CopilotOrgDetail")]
    [InlineData(RequestKind.MemberLookup, "pending invitation", "accept the invitation")]
    [InlineData(RequestKind.ListSeats, "may not be set up", "Finish the Copilot setup")]
    [InlineData(RequestKind.OrgDetail, "may not be set up", "Finish the Copilot setup")]
    public void Unprocessable_cause_and_action_follow_the_kind(RequestKind kind, string cause, string action)
    {
        var (hint, recommended, _) = Map(422, kind);
        Assert.Contains(cause, hint);
        Assert.Contains(action, recommended);
    }

    [Fact]
    public void Member_lookup_404_points_at_the_login_with_the_right_scope_switch()
    {
        Assert.Equal("Check the login; Get-CopilotSeat -Enterprise octo-ent lists who has a seat.", Map(404, RequestKind.MemberLookup, enterprise: true).Action);
        Assert.Contains("'octocat' has no Copilot seat in the enterprise octo-ent", Map(404, RequestKind.MemberLookup, enterprise: true).Hint);
    }

    private static CopilotApiException Said(int status, RequestKind kind, string gitHubMessage, params (string, string)[] headers)
    {
        var uri = new Uri("https://api.github.com/orgs/octo-org/copilot/billing/selected_users");
        var method = kind == RequestKind.MemberLookup ? HttpMethod.Get : HttpMethod.Delete;
        var request = new ApiRequest(method, uri, "k", kind, SeatScope.ForOrganization("octo-org"), kind == RequestKind.MemberLookup ? "ghost" : "octo-org");
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { message = gitHubMessage });
        return ErrorMapper.FromResponse(request, new ApiResponse(status, headers.ToDictionary(h => h.Item1, h => h.Item2), body, uri));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty).Length) / part.Length;

    [Theory]
    [InlineData(RequestKind.RemoveUsers, "Cannot cancel the Copilot seat of a: the seat is assigned via team membership (team-1).", "cancelled with its team", "Remove-CopilotTeam")]
    [InlineData(RequestKind.AddUsers, "Copilot seat management setting for this organization is assign_all.", "assign_selected", "Get-CopilotOrgDetail")]
    [InlineData(RequestKind.AddUsers, "The following users are not members of the organization: x", "Only members and teams", "Check the names.")]
    [InlineData(RequestKind.AddUsers, "Billing has not been set up for this organization.", "Billing is not set up for the organization octo-org.", "Set up billing")]
    [InlineData(RequestKind.RemoveUsers, "A public code suggestions policy has not been set for this organization.", "No policy for suggestions matching public code", "Copilot policies")]
    [InlineData(RequestKind.AddTeams, "Copilot Business or Enterprise is not enabled for this organization.", "not enabled for the organization octo-org.", "Enable Copilot")]
    public void A_422_whose_message_states_the_cause_gets_that_one_explanation_not_the_list(RequestKind kind, string said, string cause, string action)
    {
        var error = Said(422, kind, said);
        Assert.StartsWith("GitHub answered 422 Unprocessable Entity to DELETE /orgs/octo-org/copilot/billing/selected_users: " + said.TrimEnd('.') + ".", error.Message);
        Assert.Contains(cause, error.Message);
        Assert.DoesNotContain("Documented causes", error.Message);
        Assert.Contains(action, error.RecommendedAction);
    }

    [Theory]
    [InlineData("[{\"resource\":\"Budget\",\"field\":\"user\",\"code\":\"invalid\",\"message\":\"User mona is not a member.\"}]", ": Validation Failed: User mona is not a member.")]
    [InlineData("[{\"field\":\"title\",\"code\":\"missing_field\"},{\"code\":\"missing_field\",\"field\":\"title\"}]", ": Validation Failed: title missing_field.")]
    [InlineData("[\"a\",\"b\",\"c\",\"d\"]", ": Validation Failed: a; b; c (and 1 more).")]
    [InlineData("{\"odd\":1}", ": Validation Failed.")]
    public void A_validation_errors_reasons_in_errors_are_kept_in_the_message(string errors, string said)
    {
        var uri = new Uri("https://api.github.com/organizations/octo-org/settings/billing/budgets");
        var request = new ApiRequest(HttpMethod.Post, uri, "k", RequestKind.BudgetChange, SeatScope.ForOrganization("octo-org"), "mona");
        var body = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"Validation Failed\",\"documentation_url\":\"d\",\"errors\":" + errors + "}");
        var error = ErrorMapper.FromResponse(request, new ApiResponse(422, new Dictionary<string, string>(), body, uri));
        Assert.StartsWith("GitHub answered 422 Unprocessable Entity to POST " + uri.AbsolutePath + said, error.Message);
    }

    [Fact]
    public void A_422_without_a_known_cause_lists_the_documented_causes_once()
    {
        var error = Said(422, RequestKind.RemoveUsers, "Unprocessable Entity");
        Assert.Equal(1, Count(error.Message, "Unprocessable Entity"));
        Assert.Equal(1, Count(error.Message, "granted through a team"));
        Assert.Equal(1, Count(error.Message, "assign_all"));
        Assert.DoesNotContain("assign_all", error.RecommendedAction);
        Assert.Contains("Documented causes", Said(422, RequestKind.AddUsers, "Copilot is not enabled and billing has not been set up.").Message);
    }

    [Fact]
    public void A_404_does_not_repeat_the_status_nor_blame_the_token_when_its_scopes_are_accepted()
    {
        var error = Said(404, RequestKind.MemberLookup, "Not Found", ("X-OAuth-Scopes", "read:org"), ("X-Accepted-OAuth-Scopes", "manage_billing:copilot, read:org"));
        Assert.Equal(1, Count(error.Message, "Not Found"));
        Assert.Contains("'ghost' has no Copilot seat in the organization octo-org, or is not a member.", error.Message);
        Assert.DoesNotContain("cannot see it", error.Message);

        var unknown = Said(404, RequestKind.MemberLookup, "Not Found");
        Assert.Equal(1, Count(unknown.Message, "Not Found"));
        Assert.Contains("or the token cannot see it", unknown.Message);
    }

    private static CopilotApiException UsageError(int status, string path, string said)
    {
        var uri = new Uri("https://api.github.com" + path);
        var request = new ApiRequest(HttpMethod.Get, uri, "k", RequestKind.UsageReport, SeatScope.ForOrganization("octo-org"), "octo-org") { Hints = Usage.UsageErrorHints.Rows };
        var body = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"" + said + "\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"" + status + "\"}");
        return ErrorMapper.FromResponse(request, new ApiResponse(status, new Dictionary<string, string>(), body, uri));
    }

    [Theory]
    [InlineData("Copilot Usage Metrics API access is disabled for this organization.")]
    [InlineData("The Copilot usage metrics policy must be enabled to use this endpoint.")]
    [InlineData("Copilot metrics are turned off for this organization")]
    public void A_usage_report_403_whose_message_names_the_policy_says_to_enable_it(string said)
    {
        var error = UsageError(403, "/orgs/octo-org/copilot/metrics/reports/users-28-day/latest", said);
        Assert.Contains("policy is off", error.Message);
        Assert.StartsWith("Enable the \"Copilot usage metrics\" policy", error.RecommendedAction);
    }

    [Theory]
    [InlineData("Resource not accessible by personal access token")]
    [InlineData("Although you appear to have the correct authorization credentials, the `octo-org` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.")]
    public void A_usage_report_403_for_a_token_without_the_permission_names_the_permission_not_the_policy(string said)
    {
        var error = UsageError(403, "/orgs/octo-org/copilot/metrics/reports/users-28-day/latest", said);
        Assert.DoesNotContain("policy is off", error.Message);
        Assert.Contains("Organization Copilot metrics", error.RecommendedAction);
    }

    [Fact]
    public void A_usage_report_404_for_a_day_inside_the_window_says_to_pick_a_later_day()
    {
        string day = DateTime.UtcNow.Date.AddDays(-40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var error = UsageError(404, "/orgs/octo-org/copilot/metrics/reports/users-1-day?day=" + day, "Not Found");
        Assert.Contains($"GitHub has no usage report of {day} for the organization octo-org", error.Message);
        Assert.Equal("Pick a later day (-Day), and check the organization name.", error.RecommendedAction);

        var early = UsageError(404, "/orgs/octo-org/copilot/metrics/reports/users-1-day?day=2025-10-01", "Not Found");
        Assert.Contains("2025-10-10", early.RecommendedAction);
    }
}

/// <summary>A GitHub App's installation token refused for a missing permission: GitHub's "by integration" 403.</summary>
public class IntegrationPermissionTests
{
    private static CopilotApiException Map(RequestKind kind, HttpMethod method, bool enterprise = false, string? accepted = null)
    {
        var scope = enterprise ? SeatScope.ForEnterprise("octo-ent") : SeatScope.ForOrganization("octo-org");
        var uri = new Uri("https://api.github.com/x");
        var headers = new Dictionary<string, string>();
        if (accepted != null) headers["X-Accepted-GitHub-Permissions"] = accepted;
        var body = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com/rest\"}");
        return ErrorMapper.FromResponse(new ApiRequest(method, uri, "k", kind, scope, "octo-org") { Hints = kind == RequestKind.UsageReport ? Usage.UsageErrorHints.Rows : null }, new ApiResponse(403, headers, body, uri));
    }

    [Fact]
    public void Seat_listing_names_the_permission_to_grant_the_App_not_a_role()
    {
        var error = Map(RequestKind.ListSeats, HttpMethod.Get, accepted: "organization_copilot_seat_management=read");
        Assert.Contains("'GitHub Copilot Business' (read)", error.Message);
        Assert.Contains("[organization_copilot_seat_management=read]", error.Message);
        Assert.Equal("Grant the App the organization permission 'GitHub Copilot Business' (read) in its settings (Permissions & events), then accept the new permissions on the organization octo-org's installation.", error.RecommendedAction);
        Assert.DoesNotContain("owner", error.RecommendedAction);
    }

    [Fact]
    public void A_change_needs_write_and_a_usage_report_the_metrics_permission()
    {
        Assert.Contains("'GitHub Copilot Business' (read and write)", Map(RequestKind.AddUsers, HttpMethod.Post).RecommendedAction);
        Assert.Contains("'Organization Copilot metrics' (read)", Map(RequestKind.UsageReport, HttpMethod.Get).RecommendedAction);
        Assert.Contains("enterprise permission 'Enterprise Copilot metrics' (read)", Map(RequestKind.UsageReport, HttpMethod.Get, enterprise: true).RecommendedAction);
    }
}

public class IntegrationEnterpriseSeatTests
{
    private static CopilotException Refused(string path, RequestKind kind, HttpMethod method, string key, Dictionary<string, string>? headers = null)
    {
        var uri = new Uri("https://api.github.com/enterprises/octo-ent" + path);
        var body = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"Resource not accessible by integration\"}");
        return ErrorMapper.FromResponse(new ApiRequest(method, uri, key, kind, SeatScope.ForEnterprise("octo-ent"), "octo-ent"),
            new ApiResponse(403, headers ?? new Dictionary<string, string>(), body, uri));
    }

    [Fact]
    public void The_enterprise_seat_list_names_the_enterprise_App_permission_and_the_classic_token_fallback()
    {
        var error = Refused("/copilot/billing/seats", RequestKind.ListSeats, HttpMethod.Get, "GET /enterprises/{enterprise}/copilot/billing/seats");
        Assert.Contains("lacks the enterprise permission 'Enterprise Copilot license management' (read).", error.Message);
        Assert.Contains("If the installation has it, GitHub does not accept App tokens for GET /enterprises/{enterprise}/copilot/billing/seats yet; a classic token with manage_billing:copilot or read:enterprise does.", error.Message);
        Assert.DoesNotContain("do not accept fine-grained personal access tokens or GitHub App tokens", error.Message);
        Assert.Equal("Grant the App the enterprise permission 'Enterprise Copilot license management' (read) in its settings (Permissions & events), then accept the new permissions on the enterprise octo-ent's installation; or use a classic token with manage_billing:copilot or read:enterprise (-Token).", error.RecommendedAction);
    }

    [Fact]
    public void An_enterprise_team_assignment_names_write_and_GitHubs_accepted_permission()
    {
        var error = Refused("/copilot/billing/selected_enterprise_teams", RequestKind.AddEnterpriseTeams, HttpMethod.Post, "POST /enterprises/{enterprise}/copilot/billing/selected_enterprise_teams",
            new Dictionary<string, string> { ["X-Accepted-GitHub-Permissions"] = "enterprise_copilot_license_management=write" });
        Assert.Contains("'Enterprise Copilot license management' (read and write) [enterprise_copilot_license_management=write]", error.Message);
        Assert.Contains("classic token with manage_billing:copilot or admin:enterprise", error.RecommendedAction);
    }

    [Fact]
    public void The_enterprise_member_lookup_says_which_endpoint_refuses_Apps_and_what_to_use_instead()
    {
        var error = Refused("/members/mona/copilot", RequestKind.MemberLookup, HttpMethod.Get, "GET /enterprises/{enterprise}/members/{username}/copilot");
        Assert.Contains("GET /enterprises/{enterprise}/members/{username}/copilot (the enterprise member lookup) does not accept GitHub App tokens", error.Message);
        Assert.Equal("Use a classic token with manage_billing:copilot or read:enterprise (-Token) for the member lookup, or list the seats under the App (Get-CopilotSeat -Enterprise octo-ent, without -UserName) and filter them by Login.", error.RecommendedAction);
    }
}

using System.Globalization;
using System.Text.Json;

namespace CopilotSeats.Simulator.Usage;

/// <summary>The records of each report, with the field names of GitHub's documented example schema (USAGE-REPORTS.md).</summary>
internal static class UsageRecords
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Scope(Utf8JsonWriter w, ReportSnapshot r)
    {
        w.WriteNumber(r.OwnerKind == OwnerKind.Enterprise ? "enterprise_id" : "organization_id", r.OwnerId);
        if (!r.OneDay)
        {
            w.WriteString("report_start_day", Day(r.Start));
            w.WriteString("report_end_day", Day(r.End));
        }
    }

    public static void WriteUser(Utf8JsonWriter w, ReportSnapshot r, ReportUser user, DateOnly day, UserDay a)
    {
        w.WriteStartObject();
        w.WriteString("day", Day(day));
        Scope(w, r);
        w.WriteNumber("user_id", user.Id);
        w.WriteString("user_login", user.Login);
        Counters(w, a.Interactions, a.Generations, a.Acceptances, a.LocSuggestedAdd, a.LocSuggestedDelete, a.LocAdded, a.LocDeleted);
        w.WriteBoolean("used_chat", a.Chat);
        w.WriteBoolean("used_agent", a.Agent);
        w.WriteBoolean("used_cli", a.Cli);
        w.WriteNumber("ai_credits_used", a.AiCredits);
        w.WriteStartArray("totals_by_ide");
        if (a.Active && a.Ide != null)
        {
            w.WriteStartObject();
            w.WriteString("ide", a.Ide);
            Counters(w, a.Interactions, a.Generations, a.Acceptances, a.LocSuggestedAdd, a.LocSuggestedDelete, a.LocAdded, a.LocDeleted);
            w.WriteStartObject("last_known_ide_version");
            w.WriteString("ide_version", a.Ide == "vscode" ? "1.95.3" : "2024.3");
            w.WriteString("sampled_at", Day(day) + "T12:00:00Z");
            w.WriteEndObject();
            w.WriteStartObject("last_known_plugin_version");
            w.WriteString("plugin", "copilot");
            w.WriteString("plugin_version", "1.245.0");
            w.WriteString("sampled_at", Day(day) + "T12:00:00Z");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("totals_by_feature");
        foreach (string feature in a.Features)
        {
            w.WriteStartObject();
            w.WriteString("feature", feature);
            int share = feature == "code_completion" ? a.Interactions - a.Interactions / 2 : a.Interactions / 2;
            Counters(w, share, feature == "code_completion" ? a.Generations : 0, feature == "code_completion" ? a.Acceptances : 0, 0, 0, 0, 0);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("totals_by_language_feature");
        if (a.Active)
        {
            w.WriteStartObject();
            w.WriteString("language", a.Language);
            w.WriteString("feature", "code_completion");
            Counters(w, 0, a.Generations, a.Acceptances, a.LocSuggestedAdd, a.LocSuggestedDelete, a.LocAdded, a.LocDeleted);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("totals_by_model_feature");
        if (a.Active && a.Chat)
        {
            w.WriteStartObject();
            w.WriteString("model", a.Model);
            w.WriteString("feature", "chat_panel_ask_mode");
            Counters(w, a.Interactions / 2, 0, 0, 0, 0, 0, 0);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (a.Cli && a.Active)
        {
            w.WriteStartObject("totals_by_cli");
            w.WriteNumber("session_count", 1 + a.Interactions % 3);
            w.WriteNumber("request_count", a.Interactions);
            w.WriteNumber("prompt_count", a.Interactions);
            w.WriteStartObject("token_usage");
            w.WriteNumber("prompt_tokens_sum", a.Interactions * 900);
            w.WriteNumber("output_tokens_sum", a.Interactions * 300);
            w.WriteEndObject();
            w.WriteStartObject("last_known_cli_version");
            w.WriteString("cli_version", "1.0.3");
            w.WriteString("sampled_at", Day(day) + "T12:00:00Z");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Counters(Utf8JsonWriter w, int interactions, int generations, int acceptances, int suggestedAdd, int suggestedDelete, int added, int deleted)
    {
        w.WriteNumber("user_initiated_interaction_count", interactions);
        w.WriteNumber("code_generation_activity_count", generations);
        w.WriteNumber("code_acceptance_activity_count", acceptances);
        w.WriteNumber("loc_suggested_to_add_sum", suggestedAdd);
        w.WriteNumber("loc_suggested_to_delete_sum", suggestedDelete);
        w.WriteNumber("loc_added_sum", added);
        w.WriteNumber("loc_deleted_sum", deleted);
    }

    /// <summary>The organization's or enterprise's totals of one day: the sums of that day's user records.</summary>
    public static void WriteSummary(Utf8JsonWriter w, ReportSnapshot r, DateOnly day)
    {
        long interactions = 0, generations = 0, acceptances = 0, sAdd = 0, sDel = 0, added = 0, deleted = 0;
        int active = 0, chat = 0, agent = 0, cli = 0;
        decimal credits = 0;
        var ides = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var user in r.Users)
        {
            var a = UsageActivity.For(user, day, r.Seed);
            if (!a.Active) continue;
            active++;
            interactions += a.Interactions; generations += a.Generations; acceptances += a.Acceptances;
            sAdd += a.LocSuggestedAdd; sDel += a.LocSuggestedDelete; added += a.LocAdded; deleted += a.LocDeleted;
            if (a.Chat) chat++;
            if (a.Agent) agent++;
            if (a.Cli) cli++;
            credits += a.AiCredits;
            if (a.Ide != null) ides[a.Ide] = (ides.TryGetValue(a.Ide, out long n) ? n : 0) + a.Interactions;
        }
        w.WriteStartObject();
        w.WriteString("day", Day(day));
        Scope(w, r);
        w.WriteNumber("daily_active_users", active);
        w.WriteNumber("daily_active_chat_users", chat);
        w.WriteNumber("daily_active_agent_users", agent);
        w.WriteNumber("daily_active_cli_users", cli);
        w.WriteNumber("user_initiated_interaction_count", interactions);
        w.WriteNumber("code_generation_activity_count", generations);
        w.WriteNumber("code_acceptance_activity_count", acceptances);
        w.WriteNumber("loc_suggested_to_add_sum", sAdd);
        w.WriteNumber("loc_suggested_to_delete_sum", sDel);
        w.WriteNumber("loc_added_sum", added);
        w.WriteNumber("loc_deleted_sum", deleted);
        w.WriteNumber("ai_credits_used", credits);
        w.WriteStartArray("totals_by_ide");
        foreach (var (ide, count) in ides)
        {
            w.WriteStartObject();
            w.WriteString("ide", ide);
            w.WriteNumber("user_initiated_interaction_count", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WritePair(Utf8JsonWriter w, ReportSnapshot r, TeamPair pair)
    {
        w.WriteStartObject();
        w.WriteString("day", Day(r.Start));
        Scope(w, r);
        w.WriteNumber("user_id", pair.User.Id);
        w.WriteString("user_login", pair.User.Login);
        w.WriteNumber("team_id", pair.TeamId);
        w.WriteString("team_slug", pair.TeamSlug);
        w.WriteEndObject();
    }

    public static void WriteRepo(Utf8JsonWriter w, ReportSnapshot r, RepoDay repo)
    {
        w.WriteStartObject();
        w.WriteString("day", Day(r.Start));
        Scope(w, r);
        w.WriteNumber("repository_id", repo.Id);
        w.WriteString("repository_name", repo.Name);
        w.WriteStartObject("pull_requests");
        w.WriteNumber("created_count", repo.Created);
        w.WriteNumber("merged_count", repo.Merged);
        w.WriteStartObject("copilot_coding_agent");
        w.WriteNumber("created_count", repo.AgentCreated);
        w.WriteNumber("merged_count", repo.AgentMerged);
        w.WriteEndObject();
        w.WriteStartObject("copilot_code_review");
        w.WriteNumber("reviewed_count", repo.Reviewed);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

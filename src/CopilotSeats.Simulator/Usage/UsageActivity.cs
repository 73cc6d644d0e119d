namespace CopilotSeats.Simulator.Usage;

/// <summary>A seated user as a report sees them: the latest activity over their seats in the report's scope and the editor.</summary>
internal sealed record ReportUser(string Login, long Id, DateTimeOffset? LastActivity, string? Editor)
{
    /// <summary>One login's seats seen as one user: the seat with the latest activity gives the activity and the editor.</summary>
    public static ReportUser Of(IEnumerable<SeatRecord> seats)
    {
        var latest = seats.OrderByDescending(s => s.LastActivityAt ?? DateTimeOffset.MinValue).First();
        return new ReportUser(latest.Login, latest.UserId, latest.LastActivityAt, latest.LastActivityEditor);
    }
}

/// <summary>One user's counters on one day.</summary>
internal readonly record struct UserDay(
    bool Active, int Interactions, int Generations, int Acceptances, int LocSuggestedAdd, int LocSuggestedDelete, int LocAdded, int LocDeleted,
    bool Chat, bool Agent, bool Cli, decimal AiCredits, string? Ide, string[] Features, string Language, string Model);

/// <summary>
/// Deterministic per-user-day activity, consistent with the seats: no activity after a user's last activity, activity
/// on the day of it, none at all for a seat never used; before it, a day is active with a per-user probability. The same
/// seed, login and day always give the same counters.
/// </summary>
internal static class UsageActivity
{
    private static readonly string[] FeaturePool = { "code_completion", "chat_panel_ask_mode", "chat_panel_agent_mode", "chat_panel_edit_mode", "agent_edit", "chat_inline" };
    private static readonly string[] Languages = { "csharp", "typescript", "python", "go", "powershell", "rust" };
    private static readonly string[] Models = { "gpt-4.1", "claude-sonnet-4", "gpt-5-mini", "gemini-2.5-pro" };

    public static UserDay For(ReportUser user, DateOnly day, int seed)
    {
        if (user.LastActivity is null) return Inactive;
        var last = DateOnly.FromDateTime(user.LastActivity.Value.UtcDateTime);
        if (day > last) return Inactive;
        ulong h = Hash(seed, user.Login, day.DayNumber);
        if (day < last)
        {
            int share = 20 + (int)(Hash(seed, user.Login, 0) % 60); // this user's share of active days, 20..79 %
            if ((int)(h % 100) >= share) return Inactive;
        }
        ulong h2 = Mix(h);
        int interactions = 1 + (int)(h % 40);
        int generations = (int)(h2 % 30);
        int acceptances = generations == 0 ? 0 : (int)((h2 >> 8) % (ulong)(generations + 1));
        int suggestedAdd = generations * (3 + (int)((h2 >> 16) % 20));
        int suggestedDelete = generations * (int)((h2 >> 24) % 5);
        int added = acceptances * (2 + (int)((h2 >> 32) % 15));
        int deleted = acceptances * (int)((h2 >> 40) % 4);
        bool chat = (h2 >> 48 & 1) == 1;
        bool agent = (h2 >> 49 & 3) == 0;
        string? ide = IdeOf(user.Editor);
        bool cli = ide is null || (h2 >> 51 & 7) == 0;
        var features = new List<string> { "code_completion" };
        if (chat) features.Add(FeaturePool[1 + (int)((h2 >> 54) % 2)]);
        if (agent) features.Add("chat_panel_agent_mode");
        decimal credits = Math.Round((decimal)((h >> 20) % 5000) / 100m, 2);
        return new UserDay(true, interactions, generations, acceptances, suggestedAdd, suggestedDelete, added, deleted, chat, agent, cli, credits,
            ide, features.ToArray(), Languages[(int)((h >> 12) % (ulong)Languages.Length)], Models[(int)((h >> 16) % (ulong)Models.Length)]);
    }

    private static readonly UserDay Inactive = new(false, 0, 0, 0, 0, 0, 0, 0, false, false, false, 0m, null, Array.Empty<string>(), "", "");

    /// <summary>The IDE name GitHub's reports use for a last_activity_editor ("vscode/1.95.3/..." is vscode); null for the CLI or none.</summary>
    public static string? IdeOf(string? editor)
    {
        if (string.IsNullOrEmpty(editor)) return null;
        string name = editor.Split('/')[0];
        return name switch
        {
            "vscode" => "vscode",
            "JetBrains-IU" => "intellij",
            "Neovim" => "neovim",
            "VisualStudio" => "visualstudio",
            _ => null,
        };
    }

    public static ulong Hash(int seed, string text, int salt)
    {
        ulong h = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (char c in text.ToLowerInvariant()) { h ^= c; h *= 1099511628211UL; }
        h ^= (ulong)(uint)salt * 0x9E3779B97F4A7C15UL;
        return Mix(h);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

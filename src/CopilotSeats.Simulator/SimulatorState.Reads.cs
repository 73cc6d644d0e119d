using System.Security.Cryptography;
using System.Text;

namespace CopilotSeats.Simulator;

// The state as tests and the control API read it, and the lookups the handlers share.
public sealed partial class SimulatorState
{
    public IReadOnlyList<SeatRecord> OrgSeats(string org)
    {
        lock (Sync) return Orgs.TryGetValue(org, out var o) ? o.Seats.OrderBy(s => s.CreatedAt).ThenBy(s => s.Sequence).ToList() : new List<SeatRecord>();
    }

    /// <summary>
    /// Edits every seat of <paramref name="logins"/> (in every organization and the enterprise-level grants):
    /// <paramref name="accountDeleted"/> lists them with "assignee": null, <paramref name="planType"/> sets plan_type
    /// (any text, "unknown" among GitHub's values). Returns how many seats changed.
    /// </summary>
    public int EditSeats(IEnumerable<string> logins, bool? accountDeleted, string? planType)
    {
        var names = new HashSet<string>(logins, StringComparer.OrdinalIgnoreCase);
        lock (Sync)
        {
            int count = 0;
            foreach (var seat in Orgs.Values.Concat(Enterprises.Values).SelectMany(o => o.Seats).Where(s => names.Contains(s.Login)))
            {
                if (accountDeleted is bool deleted) seat.AccountDeleted = deleted;
                if (planType != null) seat.PlanType = planType;
                count++;
            }
            return count;
        }
    }

    public SeatRecord? SeatFor(string org, string login)
    {
        lock (Sync) return Orgs.TryGetValue(org, out var o) ? o.Seats.FirstOrDefault(s => string.Equals(s.Login, login, StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>Enterprise listing rows (one per grant: seats of its orgs and enterprise-level grants), by creation then id.</summary>
    public IReadOnlyList<SeatRecord> EnterpriseRows(string enterprise)
    {
        lock (Sync) return EnterpriseRowsLocked(enterprise);
    }

    internal List<SeatRecord> EnterpriseRowsLocked(string enterprise) =>
        Enterprises.TryGetValue(enterprise, out var ent) ? RowsLocked(ent) : new List<SeatRecord>();

    /// <summary>
    /// The listing of an org or an enterprise, by creation then id: the owner's own seats plus, for an
    /// enterprise, the seats of its orgs (one row per grant).
    /// </summary>
    internal List<SeatRecord> RowsLocked(SeatOwner owner) =>
        owner.Orgs.Where(Orgs.ContainsKey).SelectMany(o => Orgs[o].Seats).Concat(owner.Seats).OrderBy(s => s.CreatedAt).ThenBy(s => s.Sequence).ToList();

    /// <summary>The org or enterprise of that kind and name, or null.</summary>
    internal SeatOwner? Owner(OwnerKind kind, string name) =>
        (kind == OwnerKind.Enterprise ? Enterprises : Orgs).TryGetValue(name, out var owner) ? owner : null;

    /// <summary>Whether <paramref name="login"/> belongs to the owner: its own members or, for an enterprise, a member of one of its orgs.</summary>
    internal bool IsMember(SeatOwner owner, string login) =>
        owner.Members.Contains(login) || owner.Orgs.Any(o => Orgs.TryGetValue(o, out var org) && org.Members.Contains(login));

    internal static string TokenKey(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CopilotSeats.Simulator.Usage;

/// <summary>
/// The reports handed out (one snapshot per owner, report and days, kept until a reset) and the signatures of their
/// download links: HMAC-SHA256 over the report, the file and the expiry time, with a key made when the simulator starts.
/// </summary>
internal sealed class ReportStore
{
    private readonly ConcurrentDictionary<string, ReportSnapshot> _reports = new(StringComparer.Ordinal);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public ReportSnapshot GetOrAdd(string key, Func<string, ReportSnapshot> create) =>
        _reports.GetOrAdd(Id(key), id => create(id));

    public ReportSnapshot? Find(string id) => _reports.TryGetValue(id, out var report) ? report : null;

    public void Clear() => _reports.Clear();

    private static string Id(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20].ToLowerInvariant();

    public string Signature(string id, int file, long expires)
    {
        byte[] mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}/{file}/{expires.ToString(CultureInfo.InvariantCulture)}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public bool Verify(string id, int file, long expires, string? signature) =>
        signature != null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(id, file, expires)), Encoding.ASCII.GetBytes(signature));
}

using System.Text;
using CopilotSeats.Seats;
using CopilotSeats.Validation;

namespace CopilotSeats.Billing
{
    /// <summary>
    /// One request for GitHub's AI-credit usage report: an organization or enterprise, the period and GitHub's filters
    /// (user, model, product; for an enterprise also organization and cost_center_id, "none" for usage outside any).
    /// </summary>
    public sealed class CreditUsageQuery
    {
        public CreditUsageQuery(SeatScope scope, CreditPeriod period)
        {
            Scope = scope;
            Period = period ?? throw new ArgumentNullException(nameof(period));
        }

        public SeatScope Scope { get; }
        public CreditPeriod Period { get; }
        public string? User { get; set; }
        public string? Model { get; set; }
        public string? Product { get; set; }
        /// <summary>Enterprise only: the organization filter (GitHub's organization).</summary>
        public string? Organization { get; set; }
        /// <summary>Enterprise only.</summary>
        public string? CostCenterId { get; set; }

        /// <summary>The same query for one user.</summary>
        public CreditUsageQuery ForUser(string user) => new CreditUsageQuery(Scope, Period)
        {
            User = user, Model = Model, Product = Product, Organization = Organization, CostCenterId = CostCenterId,
        };

        /// <summary>"GET /organizations/{org}/settings/billing/ai_credit/usage" — the unit of GitHub's per-endpoint limit.</summary>
        public string EndpointKey => "GET " + (Scope.Kind == ScopeKind.Enterprise ? "/enterprises/{enterprise}" : "/organizations/{org}") + "/settings/billing/ai_credit/usage";

        /// <summary>Checks the names; a filter the scope does not take is a terminating error.</summary>
        public void Validate()
        {
            InputValidator.Validate(Scope.Kind == ScopeKind.Organization ? NameKind.Organization : NameKind.Enterprise, Scope.Name);
            if (User != null) InputValidator.Validate(NameKind.Login, User);
            if (Organization != null) InputValidator.Validate(NameKind.Organization, Organization);
            if (Scope.Kind == ScopeKind.Organization && (Organization != null || CostCenterId != null))
                throw new CopilotException("CopilotSeats.InvalidFilter", CopilotErrorCategory.InvalidArgument, Scope.Name,
                    "-InOrganization and -CostCenterId filter an enterprise's report only.") { IsTerminating = true, RecommendedAction = "Use them with -Enterprise." };
        }

        /// <summary>The path and query relative to the API root (no leading slash).</summary>
        public string RelativePath()
        {
            var path = new StringBuilder(Scope.Kind == ScopeKind.Enterprise ? "enterprises/" : "organizations/")
                .Append(Uri.EscapeDataString(Scope.Name)).Append("/settings/billing/ai_credit/usage");
            char separator = '?';
            void Add(string name, string? value)
            {
                if (string.IsNullOrEmpty(value)) return;
                path.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
            foreach (KeyValuePair<string, string> pair in Period.Query()) Add(pair.Key, pair.Value);
            Add("user", User);
            Add("model", Model);
            Add("product", Product);
            Add("organization", Organization);
            Add("cost_center_id", CostCenterId);
            return path.ToString();
        }
    }
}

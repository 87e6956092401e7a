using ElBasar.Web.Features.Directory.Merge;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>Exchanges in a merge of duplicates: <see cref="ExchangeLedger.MoveOrganizationAsync"/>, on the merge's own context and transaction.</summary>
sealed class ExchangesMergeStep(ExchangeLedger ledger) : IOrganizationMergeStep
{
    public Task MergeAsync(ElBasarDbContext db, Guid kept, Guid removed, CancellationToken ct) => ledger.MoveOrganizationAsync(kept, removed, ct);
}

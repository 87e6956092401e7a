using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Directory;

sealed class HomeNetworkSeed(ElBasarDbContext db, HomeNetwork network) : IStartupSeed
{
    public int Order => 20;

    public Task RunAsync(CancellationToken ct) => network.EnsureAsync(db, ct);
}

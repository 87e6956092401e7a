using ElBasar.Web.Infrastructure.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>Ready when the database answers and every migration of this build is applied.</summary>
sealed class DatabaseReadyCheck(MigrationRunner migrations, DatabaseInfo database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var applied = await migrations.AppliedVersionsAsync(ct);
            var missing = MigrationRunner.Scripts(database.Provider).Count(s => !applied.Contains(s.Version));
            return missing == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{missing} migration(s) not applied");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}

using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// The keys that seal sign-in cookies, antiforgery tokens and password-reset links live in the
/// database (table <c>data_protection_keys</c>, migration 0034), under one application name: a
/// cookie made by one web node is read by every other, and survives a restart or a new machine.
/// </summary>
public static class DataProtectionKeys
{
    /// <summary>Every node, and every version of the site, protects under this name.</summary>
    public const string ApplicationName = "elBasar";

    public static IServiceCollection AddElBasarDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ElBasarDbContext>();
        services.AddScoped<IStartupSeed, DataProtectionKeySeed>();
        return services;
    }
}

/// <summary>
/// Makes the first key of a new database once, however many nodes start together: seeds run one
/// node after the other, and a first use of Data Protection reads the keys, making one if there is
/// none. A node that made its own would seal cookies the others could not open until they read
/// the keys again (a day later).
/// </summary>
sealed class DataProtectionKeySeed(IDataProtectionProvider protection) : IStartupSeed
{
    public int Order => 5;

    public bool OnlyWhenServing => true;

    public Task RunAsync(CancellationToken ct)
    {
        protection.CreateProtector("elbasar-start-up").Protect([]);
        return Task.CompletedTask;
    }
}

sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.ToTable("data_protection_keys");
        e.HasKey(k => k.Id);
        e.Property(k => k.Id).ValueGeneratedOnAdd();
    }
}

using ElBasar.Web.Infrastructure.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Support;

/// <summary>Reads a database the test does not run a site on: the site runs as a process of its own (<see cref="SiteProcess"/>).</summary>
public sealed class DatabaseReader : IAsyncDisposable
{
    readonly ServiceProvider _services;

    DatabaseReader(ServiceProvider services) => _services = services;

    public static DatabaseReader On(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.ProviderName,
            ["ConnectionStrings:ElBasar"] = database.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddElBasarData(configuration);
        return new DatabaseReader(services.BuildServiceProvider());
    }

    public async Task<T> WithAsync<T>(Func<ElBasarDbContext, Task<T>> read)
    {
        await using var scope = _services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ElBasarDbContext>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

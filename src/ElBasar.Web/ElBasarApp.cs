using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Cooperations;
using ElBasar.Web.Features.Demo;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Features.Hotline;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Membership;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Newsletter;
using ElBasar.Web.Features.OpenData;
using ElBasar.Web.Features.Resources;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Geo;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web;

/// <summary>The composition root: infrastructure first, then each feature adds and maps itself.</summary>
public static class ElBasarApp
{
    public static WebApplicationBuilder AddElBasar(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<DatabaseStartup.Done>();
        services.AddElBasarData(configuration);
        services.AddElBasarEmail(configuration);
        services.AddSingleton(_ => Territories.LoadDefault());
        services.AddElBasarWeb(configuration);

        services.AddAccounts();
        services.AddAccountLimits();
        services.AddListings();
        services.AddDirectory();
        services.AddModeration();
        services.AddMessaging();
        services.AddHotline();
        services.AddMembership(configuration);
        services.AddExchanges();
        services.AddSearch();
        services.AddAlerts(configuration);
        services.AddLending();
        services.AddEvents(configuration);
        services.AddCooperations();
        services.AddNewsletter(configuration);
        services.AddResources(configuration);
        services.AddImport();
        services.AddDemo(configuration);
        services.AddAdministration();
        services.AddOpenData();
        services.AddFederation(configuration);
        services.AddNetworks();
        services.AddSingleton<Features.Home.MemberCounts>();
        return builder;
    }

    public static WebApplication UseElBasar(this WebApplication app)
    {
        app.UseNetworkHosts();
        app.UseElBasarWeb();
        app.MapAccounts();
        app.MapListings();
        app.MapDirectory();
        app.MapSearch();
        app.MapAlerts();
        app.MapEvents();
        app.MapCooperations();
        app.MapNewsletter();
        app.MapResources();
        app.MapMessaging();
        app.MapHotline();
        app.MapMembership();
        app.MapLending();
        app.MapExchanges();
        app.MapAdministration();
        app.MapOpenData();
        app.MapFederation();
        app.MapNetworks();
        return app;
    }
}

using ElBasar.Web.Features.Accounts.PersonalData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Events;

public static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.Section))
            .Validate(o => o.PollSeconds is >= 1 and <= 86400, "Events:PollSeconds must be between 1 and 86400.").ValidateOnStart();
        // One page announces and edits: its file names the edit route, the announce route is added here.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Events/Edit", "/evenements/nouveau"));
        services.AddScoped<EventCatalog>();
        services.AddScoped<EventRegistrations>();
        services.AddScoped<EventCalendars>();
        services.AddScoped<EventMails>();
        services.AddSingleton<EventLinks>();
        services.AddSingleton<EventReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<EventReminderJob>());
        services.AddScoped<IPersonalDataSource, EventsPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app) => app.MapEventsApi();
}

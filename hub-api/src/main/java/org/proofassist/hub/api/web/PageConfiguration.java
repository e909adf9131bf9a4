package org.proofassist.hub.api.web;

import org.axonframework.queryhandling.QueryGateway;
import org.proofassist.hub.api.request.RequestViews;
import org.proofassist.hub.api.stats.StatsReports;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.fixtures.ReferenceData;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The web pages' pieces: the language (Chinese by default, {@code ?lang=en} switches), the names
 * and times as pages show them, and the lists.
 */
@Configuration(proxyBeanMethods = false)
public class PageConfiguration implements WebMvcConfigurer {

  @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
  LocaleResolver localeResolver() {
    return new PageLocaleResolver();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry
        .addInterceptor(change)
        .excludePathPatterns("/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/actuator/**");
  }

  /** Names and times in templates: {@code ${@shown.department(id)}}, {@code ${@shown.time(t)}}. */
  @Bean
  Shown shown(
      Directory directory,
      ProofCatalogue catalogue,
      ReferenceData.Data referenceData,
      MessageSource messages) {
    return new Shown(directory, catalogue, referenceData.divisions(), messages);
  }

  @Bean
  Boards boards(
      RequestViews views,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      java.time.Clock clock) {
    return new Boards(views, serviceLevels, timetable, clock);
  }

  @Bean
  StatsReports statsReports(QueryGateway queries, Directory directory, ProofCatalogue catalogue) {
    return new StatsReports(queries, directory, catalogue);
  }

  @Bean
  StatisticsCharts statisticsCharts(StatsReports reports, Directory directory, Shown shown) {
    return new StatisticsCharts(reports, directory, shown);
  }
}

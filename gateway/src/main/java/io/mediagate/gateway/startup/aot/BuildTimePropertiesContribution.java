package io.mediagate.gateway.startup.aot;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * At the end of Spring AOT's code generation, writes what {@link PropertyReadRecorder} saw, with the values the
 * build had, into the jar for {@link BuildTimePropertiesGuard}: one file for the application context, one for the
 * management server's.
 */
public class BuildTimePropertiesContribution implements BeanFactoryInitializationAotProcessor {
    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        ConfigurableEnvironment environment = beanFactory.getBean(ConfigurableEnvironment.class);
        PropertySource<?> recorder = environment.getPropertySources().get(PropertyReadRecorder.NAME);
        if (!(recorder instanceof PropertyReadRecorder reads)) {
            return null;
        }
        // the management server's child context is generated separately, and its conditions read properties too
        String resource = beanFactory.getParentBeanFactory() == null
                ? BuildTimeProperties.RESOURCE
                : BuildTimeProperties.MANAGEMENT_RESOURCE;
        String file = BuildTimeProperties.of(reads.getSource(), environment).write();
        return (generation, code) -> generation.getGeneratedFiles().addResourceFile(resource, file);
    }
}

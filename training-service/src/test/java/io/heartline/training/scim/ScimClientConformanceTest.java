package io.heartline.training.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.HttpHeaders;

import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;

import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each SCIM operation as someone else's client (UnboundID's SCIM 2 SDK over Jersey) performs and reads it. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class ScimClientConformanceTest {

    @TestHTTPResource("/scim/v2")
    URI base;

    private final String district = "district-" + UUID.randomUUID();
    private Client client;
    private ScimService scim;

    @BeforeEach
    void connect() {
        String token = TestTokens.forRole("hr-sync").district(district).sign();
        client = JerseyClientBuilder.createClient()
                .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true)
                .register((jakarta.ws.rs.client.ClientRequestFilter) r -> r.getHeaders()
                        .putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        scim = new ScimService(client.target(base));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static UserResource staff(String employeeNumber, String userName) {
        UserResource user = new UserResource().setUserName(userName);
        user.setExternalId(employeeNumber);
        user.setName(new Name().setGivenName("Li").setFamilyName("Wei"));
        user.setDisplayName("Li Wei");
        user.setEmails(List.of(new Email().setValue(userName + "@school.example").setType("work").setPrimary(true)));
        user.setActive(true);
        user.setExtension(new EnterpriseUserExtension().setEmployeeNumber(employeeNumber).setDepartment("Psychology"));
        return user;
    }

    @Test
    void discoveryEndpointsParseAsTheSdkExpects() throws ScimException {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertTrue(config.getPatch().isSupported());
        assertTrue(config.getFilter().isSupported());
        assertFalse(config.getBulk().isSupported());
        ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
        assertEquals("/Users", types.getResources().get(0).getEndpoint().toString());
        ListResponse<SchemaResource> schemas = scim.getSchemas();
        assertEquals(3, schemas.getTotalResults());
        assertEquals("User", scim.getResourceType("User").getName());
        assertNotNull(scim.getSchema(ScimSchemas.ENTERPRISE_USER));
    }

    @Test
    void createRetrieveSearchReplaceModifyDelete() throws ScimException {
        String number = "E-" + UUID.randomUUID();
        UserResource created = scim.create("Users", staff(number, "li.wei." + number));
        assertEquals(number, created.getId(), "the first employee number is the Heartline person id");
        assertEquals(number, created.getExternalId());
        assertEquals("W/\"1\"", created.getMeta().getVersion());
        assertEquals("Psychology", created.getExtension(EnterpriseUserExtension.class).getDepartment());

        UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
        assertEquals("Li", read.getName().getGivenName());
        assertEquals(List.of("li.wei." + number + "@school.example"),
                read.getEmails().stream().map(Email::getValue).toList());

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter("userName eq \"LI.WEI." + number + "\"").invoke(UserResource.class);
        assertEquals(1, found.getTotalResults(), "userName matches case-insensitively");
        assertEquals(created.getId(), found.getResources().get(0).getId());
        assertEquals(1, scim.searchRequest("Users").filter("externalId eq \"" + number + "\"")
                .invoke(UserResource.class).getTotalResults());

        read.setDisplayName("Wei Li");
        UserResource replaced = scim.replace(read);
        assertEquals("Wei Li", replaced.getDisplayName());
        assertEquals("W/\"2\"", replaced.getMeta().getVersion());

        UserResource modified = scim.modify("Users", created.getId(), new PatchRequest(
                PatchOperation.replace("name.givenName", "Lei"),
                PatchOperation.replace("active", false)), UserResource.class);
        assertEquals("Lei", modified.getName().getGivenName());
        assertFalse(modified.getActive());

        scim.delete("Users", created.getId());
        assertFalse(scim.retrieve("Users", created.getId(), UserResource.class).getActive(),
                "DELETE deactivates; the user stays readable");
    }

    @Test
    void rekeyByReplaceKeepsTheId() throws ScimException {
        String first = "E-" + UUID.randomUUID();
        UserResource created = scim.create("Users", staff(first, "rekey." + first));
        String second = "N-" + UUID.randomUUID();
        created.setExternalId(second);
        created.setExtension(new EnterpriseUserExtension().setEmployeeNumber(second));
        UserResource rekeyed = scim.replace(created);
        assertEquals(first, rekeyed.getId());
        assertEquals(second, rekeyed.getExternalId());
        assertEquals(first, scim.searchRequest("Users").filter("externalId eq \"" + second + "\"")
                .invoke(GenericScimResource.class).getResources().get(0).getId());
    }

    @Test
    void errorsArriveAsTheSdksExceptions() throws ScimException {
        String number = "E-" + UUID.randomUUID();
        scim.create("Users", staff(number, "dup." + number));
        assertThrows(ResourceConflictException.class,
                () -> scim.create("Users", staff("X-" + UUID.randomUUID(), "dup." + number)));
        assertThrows(ResourceNotFoundException.class,
                () -> scim.retrieve("Users", "nobody-" + UUID.randomUUID(), UserResource.class));
        ScimException bad = assertThrows(ScimException.class, () -> scim.searchRequest("Users")
                .filter("displayName co \"Li\"").invoke(UserResource.class));
        assertEquals("invalidFilter", bad.getScimError().getScimType());
    }
}

package org.proofassist.hub.api.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.directory.DivisionCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The proof catalogue and the department directory. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data", description = "证明事项目录 and the department directory")
public class ReferenceController {

  /** A proof type as clients see it. */
  public record ProofTypeResponse(
      String code,
      String name,
      String nameEn,
      String rule,
      String authorityKind,
      String fixedDepartment,
      String serviceLevel,
      String escalationGrace,
      String maxExtension,
      String legalBasis,
      List<String> requiredFields) {

    static ProofTypeResponse of(ProofType type) {
      return new ProofTypeResponse(
          type.code().value(),
          type.name(),
          type.nameEn(),
          type.rule().name(),
          type.authorityKind().name(),
          type.fixedDepartment() == null ? null : type.fixedDepartment().value(),
          type.serviceLevel().toString(),
          type.escalationGrace().toString(),
          type.maxExtension().toString(),
          type.legalBasis(),
          type.requiredFields());
    }
  }

  /** A department as clients see it. */
  public record DepartmentResponse(
      String id,
      String name,
      String nameEn,
      String kind,
      String parent,
      List<String> jurisdiction,
      boolean approving,
      boolean issuing) {

    static DepartmentResponse of(Department department) {
      return new DepartmentResponse(
          department.id().value(),
          department.name(),
          department.nameEn(),
          department.kind().name(),
          department.parent() == null ? null : department.parent().value(),
          department.jurisdiction().stream().map(DivisionCode::value).toList(),
          department.approving(),
          department.issuing());
    }
  }

  private final ProofCatalogue catalogue;
  private final Directory directory;

  public ReferenceController(ProofCatalogue catalogue, Directory directory) {
    this.catalogue = catalogue;
    this.directory = directory;
  }

  @GetMapping("/proof-types")
  @Operation(summary = "The proof catalogue")
  public List<ProofTypeResponse> proofTypes() {
    return catalogue.all().stream().map(ProofTypeResponse::of).toList();
  }

  @GetMapping("/departments")
  @Operation(summary = "The department directory")
  public List<DepartmentResponse> departments() {
    return directory.all().stream().map(DepartmentResponse::of).toList();
  }
}

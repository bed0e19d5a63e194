export namespace app {
	
	export class RunSummary {
	    runId: number;
	    trigger?: string;
	    dryRun: boolean;
	    status: string;
	    startedAt: string;
	    finishedAt: string;
	    stopReason?: string;
	    mappings: syncer.MappingSummary[];
	    apiCalls: {[key: string]: number};
	    pending: number;
	    salesforceBudget?: syncer.Budget;
	    warnings: string[];
	    heldDeletes: syncer.HeldDeletes[];
	    skipped: syncer.SkippedDefinition[];
	
	    static createFrom(source: any = {}) {
	        return new RunSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runId = source["runId"];
	        this.trigger = source["trigger"];
	        this.dryRun = source["dryRun"];
	        this.status = source["status"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.stopReason = source["stopReason"];
	        this.mappings = this.convertValues(source["mappings"], syncer.MappingSummary);
	        this.apiCalls = source["apiCalls"];
	        this.pending = source["pending"];
	        this.salesforceBudget = this.convertValues(source["salesforceBudget"], syncer.Budget);
	        this.warnings = source["warnings"];
	        this.heldDeletes = this.convertValues(source["heldDeletes"], syncer.HeldDeletes);
	        this.skipped = this.convertValues(source["skipped"], syncer.SkippedDefinition);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ApplyOutcome {
	    summary: RunSummary;
	    replanned: boolean;
	    reason?: string;
	
	    static createFrom(source: any = {}) {
	        return new ApplyOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.summary = this.convertValues(source["summary"], RunSummary);
	        this.replanned = source["replanned"];
	        this.reason = source["reason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConditionNode {
	    type: string;
	    join?: string;
	    negated?: boolean;
	    children?: ConditionNode[];
	    field?: string;
	    op?: string;
	    value?: string;
	
	    static createFrom(source: any = {}) {
	        return new ConditionNode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.join = source["join"];
	        this.negated = source["negated"];
	        this.children = this.convertValues(source["children"], ConditionNode);
	        this.field = source["field"];
	        this.op = source["op"];
	        this.value = source["value"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConditionProblem {
	    column: number;
	    field?: string;
	    message: string;
	    fix?: string;
	
	    static createFrom(source: any = {}) {
	        return new ConditionProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.column = source["column"];
	        this.field = source["field"];
	        this.message = source["message"];
	        this.fix = source["fix"];
	    }
	}
	export class DemoClarizenLogin {
	    instance: number;
	    environment: string;
	    userName: string;
	    password: string;
	    apiKey: string;
	
	    static createFrom(source: any = {}) {
	        return new DemoClarizenLogin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.instance = source["instance"];
	        this.environment = source["environment"];
	        this.userName = source["userName"];
	        this.password = source["password"];
	        this.apiKey = source["apiKey"];
	    }
	}
	export class DemoLogin {
	    username: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new DemoLogin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.username = source["username"];
	        this.password = source["password"];
	    }
	}
	export class DemoInfo {
	    salesforce: DemoLogin;
	    clarizen: DemoClarizenLogin[];
	
	    static createFrom(source: any = {}) {
	        return new DemoInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.salesforce = this.convertValues(source["salesforce"], DemoLogin);
	        this.clarizen = this.convertValues(source["clarizen"], DemoClarizenLogin);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConnectionsView {
	    connections: connect.Status[];
	    orgChange?: connect.OrgChange;
	    demo?: DemoInfo;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connections = this.convertValues(source["connections"], connect.Status);
	        this.orgChange = this.convertValues(source["orgChange"], connect.OrgChange);
	        this.demo = this.convertValues(source["demo"], DemoInfo);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DefinitionRow {
	    kind: string;
	    id: string;
	    name: string;
	    description: string;
	    clarizenInstance: number;
	    salesforceObject: string;
	    clarizenEntity: string;
	    triggeredBy?: string;
	    enabled: boolean;
	    state?: string;
	    lastResult: string;
	    packageItem?: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DefinitionRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.clarizenInstance = source["clarizenInstance"];
	        this.salesforceObject = source["salesforceObject"];
	        this.clarizenEntity = source["clarizenEntity"];
	        this.triggeredBy = source["triggeredBy"];
	        this.enabled = source["enabled"];
	        this.state = source["state"];
	        this.lastResult = source["lastResult"];
	        this.packageItem = source["packageItem"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	
	
	
	export class Dependent {
	    kind: string;
	    id: string;
	    name: string;
	    enabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Dependent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.enabled = source["enabled"];
	    }
	}
	export class EnableOutcome {
	    enabled: boolean;
	    problems: mapping.Problem[];
	    matching: number;
	    fireExisting: boolean;
	
	    static createFrom(source: any = {}) {
	        return new EnableOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enabled = source["enabled"];
	        this.problems = this.convertValues(source["problems"], mapping.Problem);
	        this.matching = source["matching"];
	        this.fireExisting = source["fireExisting"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ErrorPayload {
	    code: string;
	    message: string;
	    hint?: string;
	    details?: {[key: string]: string};
	
	    static createFrom(source: any = {}) {
	        return new ErrorPayload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.hint = source["hint"];
	        this.details = source["details"];
	    }
	}
	export class WindowEvent {
	    seq: number;
	    type: string;
	    time: string;
	    data: any;
	
	    static createFrom(source: any = {}) {
	        return new WindowEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.type = source["type"];
	        this.time = source["time"];
	        this.data = source["data"];
	    }
	}
	export class EventBatch {
	    events: WindowEvent[];
	    complete: boolean;
	    lastSeq: number;
	
	    static createFrom(source: any = {}) {
	        return new EventBatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.events = this.convertValues(source["events"], WindowEvent);
	        this.complete = source["complete"];
	        this.lastSeq = source["lastSeq"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExportResult {
	    path: string;
	    rows: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.rows = source["rows"];
	    }
	}
	export class FieldValue {
	    field: string;
	    before?: string;
	    after?: string;
	    conflict?: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.before = source["before"];
	        this.after = source["after"];
	        this.conflict = source["conflict"];
	    }
	}
	export class FrontendError {
	    kind: string;
	    message: string;
	    source: string;
	    line: number;
	    column: number;
	    stack: string;
	
	    static createFrom(source: any = {}) {
	        return new FrontendError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.message = source["message"];
	        this.source = source["source"];
	        this.line = source["line"];
	        this.column = source["column"];
	        this.stack = source["stack"];
	    }
	}
	export class Info {
	    version: string;
	    dataDir: string;
	    hasWindow: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.hasWindow = source["hasWindow"];
	    }
	}
	export class LinkedProject {
	    mappingId: string;
	    mapping: string;
	    connection: string;
	    projectId: string;
	    name: string;
	    salesforceObject: string;
	    salesforceId: string;
	    parentId?: string;
	
	    static createFrom(source: any = {}) {
	        return new LinkedProject(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mappingId = source["mappingId"];
	        this.mapping = source["mapping"];
	        this.connection = source["connection"];
	        this.projectId = source["projectId"];
	        this.name = source["name"];
	        this.salesforceObject = source["salesforceObject"];
	        this.salesforceId = source["salesforceId"];
	        this.parentId = source["parentId"];
	    }
	}
	export class ObjectDescribe {
	    name: string;
	    label: string;
	    custom: boolean;
	    templatable: boolean;
	    feedEnabled: boolean;
	    createable: boolean;
	    updateable: boolean;
	    fields: schema.Field[];
	
	    static createFrom(source: any = {}) {
	        return new ObjectDescribe(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.custom = source["custom"];
	        this.templatable = source["templatable"];
	        this.feedEnabled = source["feedEnabled"];
	        this.createable = source["createable"];
	        this.updateable = source["updateable"];
	        this.fields = this.convertValues(source["fields"], schema.Field);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ObjectSummary {
	    name: string;
	    label: string;
	    custom: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ObjectSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.custom = source["custom"];
	    }
	}
	export class PackagePlan {
	    id: string;
	    instance: number;
	    fromVersion: number;
	    toVersion: number;
	    changes: bestpractice.Change[];
	    empty: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PackagePlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.instance = source["instance"];
	        this.fromVersion = source["fromVersion"];
	        this.toVersion = source["toVersion"];
	        this.changes = this.convertValues(source["changes"], bestpractice.Change);
	        this.empty = source["empty"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PackageStatus {
	    instance: number;
	    installedVersion: number;
	    availableVersion: number;
	    missing: bestpractice.SchemaGap[];
	
	    static createFrom(source: any = {}) {
	        return new PackageStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.instance = source["instance"];
	        this.installedVersion = source["installedVersion"];
	        this.availableVersion = source["availableVersion"];
	        this.missing = this.convertValues(source["missing"], bestpractice.SchemaGap);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PlannedOperation {
	    id: number;
	    kind: string;
	    side: string;
	    connection: string;
	    object: string;
	    recordId?: string;
	    recordName: string;
	    label: string;
	    mappingId?: string;
	    mapping: string;
	    eventId?: string;
	    template?: string;
	    reason: string;
	    fields: FieldValue[];
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new PlannedOperation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.side = source["side"];
	        this.connection = source["connection"];
	        this.object = source["object"];
	        this.recordId = source["recordId"];
	        this.recordName = source["recordName"];
	        this.label = source["label"];
	        this.mappingId = source["mappingId"];
	        this.mapping = source["mapping"];
	        this.eventId = source["eventId"];
	        this.template = source["template"];
	        this.reason = source["reason"];
	        this.fields = this.convertValues(source["fields"], FieldValue);
	        this.warnings = source["warnings"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PlanView {
	    id: string;
	    createdAt: string;
	    operations: PlannedOperation[];
	    mappings: syncer.MappingPlan[];
	    apiCalls: {[key: string]: number};
	    reads: {[key: string]: number};
	    social: syncer.SocialEstimate[];
	    warnings: string[];
	    paused: string[];
	    heldDeletes: syncer.HeldDeletes[];
	    skipped: syncer.SkippedDefinition[];
	
	    static createFrom(source: any = {}) {
	        return new PlanView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.operations = this.convertValues(source["operations"], PlannedOperation);
	        this.mappings = this.convertValues(source["mappings"], syncer.MappingPlan);
	        this.apiCalls = source["apiCalls"];
	        this.reads = source["reads"];
	        this.social = this.convertValues(source["social"], syncer.SocialEstimate);
	        this.warnings = source["warnings"];
	        this.paused = source["paused"];
	        this.heldDeletes = this.convertValues(source["heldDeletes"], syncer.HeldDeletes);
	        this.skipped = this.convertValues(source["skipped"], syncer.SkippedDefinition);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class WorkDependency {
	    predecessorId: string;
	    type: string;
	
	    static createFrom(source: any = {}) {
	        return new WorkDependency(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.predecessorId = source["predecessorId"];
	        this.type = source["type"];
	    }
	}
	export class WorkItem {
	    id: string;
	    name: string;
	    kind: string;
	    parentId?: string;
	    start?: string;
	    end?: string;
	    progress: number;
	    state?: string;
	    dependencies: WorkDependency[];
	
	    static createFrom(source: any = {}) {
	        return new WorkItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.parentId = source["parentId"];
	        this.start = source["start"];
	        this.end = source["end"];
	        this.progress = source["progress"];
	        this.state = source["state"];
	        this.dependencies = this.convertValues(source["dependencies"], WorkDependency);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ProjectPlan {
	    projectId: string;
	    name: string;
	    items: WorkItem[];
	    clarizenUrl?: string;
	    salesforceUrl?: string;
	
	    static createFrom(source: any = {}) {
	        return new ProjectPlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.projectId = source["projectId"];
	        this.name = source["name"];
	        this.items = this.convertValues(source["items"], WorkItem);
	        this.clarizenUrl = source["clarizenUrl"];
	        this.salesforceUrl = source["salesforceUrl"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReadyInfo {
	    screen: string;
	    userAgent: string;
	    theme: string;
	
	    static createFrom(source: any = {}) {
	        return new ReadyInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.screen = source["screen"];
	        this.userAgent = source["userAgent"];
	        this.theme = source["theme"];
	    }
	}
	export class RegistryRow {
	    id: string;
	    runId: number;
	    time: string;
	    state: string;
	    operation: string;
	    mappingId: string;
	    mapping: string;
	    eventId?: string;
	    side: string;
	    object: string;
	    recordId: string;
	    recordName: string;
	    label: string;
	    salesforceId: string;
	    clarizenId: string;
	    errorCode?: string;
	    error?: string;
	    attempts: number;
	
	    static createFrom(source: any = {}) {
	        return new RegistryRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.runId = source["runId"];
	        this.time = source["time"];
	        this.state = source["state"];
	        this.operation = source["operation"];
	        this.mappingId = source["mappingId"];
	        this.mapping = source["mapping"];
	        this.eventId = source["eventId"];
	        this.side = source["side"];
	        this.object = source["object"];
	        this.recordId = source["recordId"];
	        this.recordName = source["recordName"];
	        this.label = source["label"];
	        this.salesforceId = source["salesforceId"];
	        this.clarizenId = source["clarizenId"];
	        this.errorCode = source["errorCode"];
	        this.error = source["error"];
	        this.attempts = source["attempts"];
	    }
	}
	export class RegistryDetail {
	    row: RegistryRow;
	    fields: FieldValue[];
	    errorClass?: string;
	    hint?: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new RegistryDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = this.convertValues(source["row"], RegistryRow);
	        this.fields = this.convertValues(source["fields"], FieldValue);
	        this.errorClass = source["errorClass"];
	        this.hint = source["hint"];
	        this.createdAt = source["createdAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RegistryPage {
	    rows: RegistryRow[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new RegistryPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], RegistryRow);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RegistryQuery {
	    states: string[];
	    mappingId: string;
	    object: string;
	    from: string;
	    to: string;
	    text: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new RegistryQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.states = source["states"];
	        this.mappingId = source["mappingId"];
	        this.object = source["object"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.text = source["text"];
	        this.limit = source["limit"];
	    }
	}
	
	export class Relationship {
	    name: string;
	    label: string;
	    object: string;
	    field?: string;
	
	    static createFrom(source: any = {}) {
	        return new Relationship(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.object = source["object"];
	        this.field = source["field"];
	    }
	}
	
	export class SalesforceLoginState {
	    id: number;
	    status: string;
	    identity?: connect.SalesforceIdentity;
	    error?: ErrorPayload;
	
	    static createFrom(source: any = {}) {
	        return new SalesforceLoginState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.status = source["status"];
	        this.identity = this.convertValues(source["identity"], connect.SalesforceIdentity);
	        this.error = this.convertValues(source["error"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScheduleView {
	    dailyTimes: string[];
	    paused: boolean;
	    nextDaily: string;
	    running: string;
	
	    static createFrom(source: any = {}) {
	        return new ScheduleView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dailyTimes = source["dailyTimes"];
	        this.paused = source["paused"];
	        this.nextDaily = source["nextDaily"];
	        this.running = source["running"];
	    }
	}
	export class SchemaCreation {
	    created: string[];
	    remaining: bestpractice.SchemaGap[];
	
	    static createFrom(source: any = {}) {
	        return new SchemaCreation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.created = source["created"];
	        this.remaining = this.convertValues(source["remaining"], bestpractice.SchemaGap);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TransferResult {
	    path: string;
	    mappings: number;
	    events: number;
	
	    static createFrom(source: any = {}) {
	        return new TransferResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.mappings = source["mappings"];
	        this.events = source["events"];
	    }
	}
	
	

}

export namespace bestpractice {
	
	export class Change {
	    kind: string;
	    id: string;
	    name: string;
	    path?: string;
	    action: string;
	    installed?: any;
	    current?: any;
	    new?: any;
	    note?: string;
	
	    static createFrom(source: any = {}) {
	        return new Change(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.path = source["path"];
	        this.action = source["action"];
	        this.installed = source["installed"];
	        this.current = source["current"];
	        this.new = source["new"];
	        this.note = source["note"];
	    }
	}
	export class Disabled {
	    kind: string;
	    id: string;
	    problems: mapping.Problem[];
	
	    static createFrom(source: any = {}) {
	        return new Disabled(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.problems = this.convertValues(source["problems"], mapping.Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SchemaGap {
	    object: string;
	    objectMissing: boolean;
	    fields: string[];
	
	    static createFrom(source: any = {}) {
	        return new SchemaGap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.object = source["object"];
	        this.objectMissing = source["objectMissing"];
	        this.fields = source["fields"];
	    }
	}
	export class UpgradeResult {
	    fromVersion: number;
	    toVersion: number;
	    mappings: string[];
	    events: string[];
	    disabled?: Disabled[];
	
	    static createFrom(source: any = {}) {
	        return new UpgradeResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromVersion = source["fromVersion"];
	        this.toVersion = source["toVersion"];
	        this.mappings = source["mappings"];
	        this.events = source["events"];
	        this.disabled = this.convertValues(source["disabled"], Disabled);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace connect {
	
	export class ClarizenIdentity {
	    connectionId: string;
	    environment: string;
	    authMethod: string;
	    serverLocation: string;
	    appLocation: string;
	    dataCenter: string;
	    organizationId: string;
	    userId: string;
	    userName?: string;
	    licenseType?: string;
	
	    static createFrom(source: any = {}) {
	        return new ClarizenIdentity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connectionId = source["connectionId"];
	        this.environment = source["environment"];
	        this.authMethod = source["authMethod"];
	        this.serverLocation = source["serverLocation"];
	        this.appLocation = source["appLocation"];
	        this.dataCenter = source["dataCenter"];
	        this.organizationId = source["organizationId"];
	        this.userId = source["userId"];
	        this.userName = source["userName"];
	        this.licenseType = source["licenseType"];
	    }
	}
	export class ClarizenLogin {
	    connectionId: string;
	    environment: string;
	    userName?: string;
	    password?: string;
	    apiKey?: string;
	
	    static createFrom(source: any = {}) {
	        return new ClarizenLogin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connectionId = source["connectionId"];
	        this.environment = source["environment"];
	        this.userName = source["userName"];
	        this.password = source["password"];
	        this.apiKey = source["apiKey"];
	    }
	}
	export class MappingRematch {
	    mappingId: string;
	    name: string;
	    kept: number;
	    notFound: number;
	    ambiguous: number;
	    unkeyed: number;
	
	    static createFrom(source: any = {}) {
	        return new MappingRematch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mappingId = source["mappingId"];
	        this.name = source["name"];
	        this.kept = source["kept"];
	        this.notFound = source["notFound"];
	        this.ambiguous = source["ambiguous"];
	        this.unkeyed = source["unkeyed"];
	    }
	}
	export class OrgChange {
	    previousOrgId: string;
	    currentOrgId: string;
	    links: number;
	
	    static createFrom(source: any = {}) {
	        return new OrgChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.previousOrgId = source["previousOrgId"];
	        this.currentOrgId = source["currentOrgId"];
	        this.links = source["links"];
	    }
	}
	export class RematchResult {
	    decision: string;
	    kept: number;
	    dropped: number;
	    mappings?: MappingRematch[];
	
	    static createFrom(source: any = {}) {
	        return new RematchResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.decision = source["decision"];
	        this.kept = source["kept"];
	        this.dropped = source["dropped"];
	        this.mappings = this.convertValues(source["mappings"], MappingRematch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SalesforceIdentity {
	    environment: string;
	    loginUrl: string;
	    instanceUrl: string;
	    orgId: string;
	    orgName: string;
	    isSandbox: boolean;
	    userId: string;
	    username: string;
	    displayName: string;
	    email: string;
	    orgChange?: OrgChange;
	
	    static createFrom(source: any = {}) {
	        return new SalesforceIdentity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.environment = source["environment"];
	        this.loginUrl = source["loginUrl"];
	        this.instanceUrl = source["instanceUrl"];
	        this.orgId = source["orgId"];
	        this.orgName = source["orgName"];
	        this.isSandbox = source["isSandbox"];
	        this.userId = source["userId"];
	        this.username = source["username"];
	        this.displayName = source["displayName"];
	        this.email = source["email"];
	        this.orgChange = this.convertValues(source["orgChange"], OrgChange);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SalesforceLogin {
	    environment: string;
	    myDomainUrl?: string;
	
	    static createFrom(source: any = {}) {
	        return new SalesforceLogin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.environment = source["environment"];
	        this.myDomainUrl = source["myDomainUrl"];
	    }
	}
	export class Status {
	    id: string;
	    system: string;
	    environment: string;
	    state: string;
	    stateDetail?: string;
	    authMethod?: string;
	    loginUrl?: string;
	    instanceUrl?: string;
	    appUrl?: string;
	    dataCenter?: string;
	    orgId?: string;
	    userId?: string;
	    username?: string;
	    isSandbox: boolean;
	    apiUsed: number;
	    apiMax: number;
	    apiRemaining: number;
	    lastSyncedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.system = source["system"];
	        this.environment = source["environment"];
	        this.state = source["state"];
	        this.stateDetail = source["stateDetail"];
	        this.authMethod = source["authMethod"];
	        this.loginUrl = source["loginUrl"];
	        this.instanceUrl = source["instanceUrl"];
	        this.appUrl = source["appUrl"];
	        this.dataCenter = source["dataCenter"];
	        this.orgId = source["orgId"];
	        this.userId = source["userId"];
	        this.username = source["username"];
	        this.isSandbox = source["isSandbox"];
	        this.apiUsed = source["apiUsed"];
	        this.apiMax = source["apiMax"];
	        this.apiRemaining = source["apiRemaining"];
	        this.lastSyncedAt = source["lastSyncedAt"];
	    }
	}

}

export namespace demo {
	
	export class LoginPage {
	    url: string;
	    username: string;
	    password: string;
	    opened: boolean;
	    browserError?: string;
	
	    static createFrom(source: any = {}) {
	        return new LoginPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.username = source["username"];
	        this.password = source["password"];
	        this.opened = source["opened"];
	        this.browserError = source["browserError"];
	    }
	}
	export class SetupStep {
	    id: string;
	    title: string;
	    status: string;
	    detail?: string;
	
	    static createFrom(source: any = {}) {
	        return new SetupStep(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.status = source["status"];
	        this.detail = source["detail"];
	    }
	}
	export class SetupState {
	    seq: number;
	    status: string;
	    steps: SetupStep[];
	    loginPage?: LoginPage;
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new SetupState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.status = source["status"];
	        this.steps = this.convertValues(source["steps"], SetupStep);
	        this.loginPage = this.convertValues(source["loginPage"], LoginPage);
	        this.error = source["error"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace engine {
	
	export class Settings {
	    dataDir: string;
	    logLevel: string;
	    activeLogLevel?: string;
	    conflictRule: string;
	    budgetReservePercent: number;
	    dailyTimes: string[];
	    socialIntervalMinutes: number;
	    clientId: string;
	    clientIdFixed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataDir = source["dataDir"];
	        this.logLevel = source["logLevel"];
	        this.activeLogLevel = source["activeLogLevel"];
	        this.conflictRule = source["conflictRule"];
	        this.budgetReservePercent = source["budgetReservePercent"];
	        this.dailyTimes = source["dailyTimes"];
	        this.socialIntervalMinutes = source["socialIntervalMinutes"];
	        this.clientId = source["clientId"];
	        this.clientIdFixed = source["clientIdFixed"];
	    }
	}

}

export namespace mapping {
	
	export class Criterion {
	    field: string;
	    valueType: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new Criterion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.valueType = source["valueType"];
	        this.value = source["value"];
	    }
	}
	export class ClarizenLink {
	    id: string;
	    linkEntity: string;
	    entityField: string;
	    linkedField: string;
	    linkedEntity: string;
	    method: string;
	    sourceField?: string;
	    mappingId?: string;
	    identifiedBy?: Criterion[];
	
	    static createFrom(source: any = {}) {
	        return new ClarizenLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.linkEntity = source["linkEntity"];
	        this.entityField = source["entityField"];
	        this.linkedField = source["linkedField"];
	        this.linkedEntity = source["linkedEntity"];
	        this.method = source["method"];
	        this.sourceField = source["sourceField"];
	        this.mappingId = source["mappingId"];
	        this.identifiedBy = this.convertValues(source["identifiedBy"], Criterion);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Compatibility {
	    from: string;
	    to: string;
	    note?: string;
	    needsMapping?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Compatibility(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.note = source["note"];
	        this.needsMapping = source["needsMapping"];
	    }
	}
	
	export class RelatedSalesforceObject {
	    id: string;
	    relationship: string;
	    object: string;
	    parentField: string;
	    condition?: string;
	    mappingId: string;
	    asSubProjects?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RelatedSalesforceObject(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.relationship = source["relationship"];
	        this.object = source["object"];
	        this.parentField = source["parentField"];
	        this.condition = source["condition"];
	        this.mappingId = source["mappingId"];
	        this.asSubProjects = source["asSubProjects"];
	    }
	}
	export class FieldValue {
	    field: string;
	    source: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.source = source["source"];
	        this.value = source["value"];
	    }
	}
	export class NewObject {
	    salesforceObject: string;
	    values?: FieldValue[];
	    sourceLinkField: string;
	    mappingId: string;
	
	    static createFrom(source: any = {}) {
	        return new NewObject(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.salesforceObject = source["salesforceObject"];
	        this.values = this.convertValues(source["values"], FieldValue);
	        this.sourceLinkField = source["sourceLinkField"];
	        this.mappingId = source["mappingId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EventTarget {
	    kind: string;
	    mappingId?: string;
	    newObject?: NewObject;
	
	    static createFrom(source: any = {}) {
	        return new EventTarget(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.mappingId = source["mappingId"];
	        this.newObject = this.convertValues(source["newObject"], NewObject);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Event {
	    id: string;
	    name: string;
	    useCase?: string;
	    description?: string;
	    clarizenInstance: number;
	    triggeredBy: string;
	    triggeringObject: string;
	    condition?: string;
	    target: EventTarget;
	    relatedObjects?: RelatedSalesforceObject[];
	    enabled: boolean;
	    fireExisting: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Event(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.useCase = source["useCase"];
	        this.description = source["description"];
	        this.clarizenInstance = source["clarizenInstance"];
	        this.triggeredBy = source["triggeredBy"];
	        this.triggeringObject = source["triggeringObject"];
	        this.condition = source["condition"];
	        this.target = this.convertValues(source["target"], EventTarget);
	        this.relatedObjects = this.convertValues(source["relatedObjects"], RelatedSalesforceObject);
	        this.enabled = source["enabled"];
	        this.fireExisting = source["fireExisting"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class FieldMap {
	    id: string;
	    enabled: boolean;
	    direction: string;
	    clarizenField: string;
	    salesforceField: string;
	    eventType: string;
	    valueMap?: {[key: string]: string};
	    truncate?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FieldMap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.enabled = source["enabled"];
	        this.direction = source["direction"];
	        this.clarizenField = source["clarizenField"];
	        this.salesforceField = source["salesforceField"];
	        this.eventType = source["eventType"];
	        this.valueMap = source["valueMap"];
	        this.truncate = source["truncate"];
	    }
	}
	
	export class RelatedObject {
	    id: string;
	    relatedEntity: string;
	    relationship: string;
	    condition?: string;
	    salesforceObject: string;
	    mappingId: string;
	    parentLinkField: string;
	
	    static createFrom(source: any = {}) {
	        return new RelatedObject(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.relatedEntity = source["relatedEntity"];
	        this.relationship = source["relationship"];
	        this.condition = source["condition"];
	        this.salesforceObject = source["salesforceObject"];
	        this.mappingId = source["mappingId"];
	        this.parentLinkField = source["parentLinkField"];
	    }
	}
	export class TemplateRule {
	    template: string;
	    criteria: string[];
	    logic: string;
	
	    static createFrom(source: any = {}) {
	        return new TemplateRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.template = source["template"];
	        this.criteria = source["criteria"];
	        this.logic = source["logic"];
	    }
	}
	export class Mapping {
	    id: string;
	    name: string;
	    description?: string;
	    clarizenInstance: number;
	    clarizenEntity: string;
	    salesforceObject: string;
	    clarizenKeyField: string;
	    salesforceKeyField: string;
	    createPolicy: string;
	    deletePolicy: string;
	    templateRules?: TemplateRule[];
	    socialSync: boolean;
	    fieldMaps?: FieldMap[];
	    links?: ClarizenLink[];
	    relatedObjects?: RelatedObject[];
	    conflictRule: string;
	    enabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Mapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.clarizenInstance = source["clarizenInstance"];
	        this.clarizenEntity = source["clarizenEntity"];
	        this.salesforceObject = source["salesforceObject"];
	        this.clarizenKeyField = source["clarizenKeyField"];
	        this.salesforceKeyField = source["salesforceKeyField"];
	        this.createPolicy = source["createPolicy"];
	        this.deletePolicy = source["deletePolicy"];
	        this.templateRules = this.convertValues(source["templateRules"], TemplateRule);
	        this.socialSync = source["socialSync"];
	        this.fieldMaps = this.convertValues(source["fieldMaps"], FieldMap);
	        this.links = this.convertValues(source["links"], ClarizenLink);
	        this.relatedObjects = this.convertValues(source["relatedObjects"], RelatedObject);
	        this.conflictRule = source["conflictRule"];
	        this.enabled = source["enabled"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Problem {
	    severity: string;
	    owner: string;
	    ownerId: string;
	    ownerName: string;
	    side?: string;
	    object?: string;
	    field?: string;
	    fieldMapId?: string;
	    part?: string;
	    code: string;
	    message: string;
	    fix: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.severity = source["severity"];
	        this.owner = source["owner"];
	        this.ownerId = source["ownerId"];
	        this.ownerName = source["ownerName"];
	        this.side = source["side"];
	        this.object = source["object"];
	        this.field = source["field"];
	        this.fieldMapId = source["fieldMapId"];
	        this.part = source["part"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.fix = source["fix"];
	    }
	}
	
	

}

export namespace schema {
	
	export class PicklistValue {
	    value: string;
	    label: string;
	    active: boolean;
	    default: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PicklistValue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	        this.active = source["active"];
	        this.default = source["default"];
	    }
	}
	export class Field {
	    name: string;
	    label: string;
	    kind: string;
	    nativeType: string;
	    length?: number;
	    createable: boolean;
	    updateable: boolean;
	    nillable: boolean;
	    calculated: boolean;
	    required: boolean;
	    externalId: boolean;
	    unique: boolean;
	    custom: boolean;
	    restrictedPicklist?: boolean;
	    picklist?: PicklistValue[];
	    referenceTo?: string[];
	    relationshipName?: string;
	    notFilterable?: boolean;
	    precision?: number;
	    scale?: number;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.nativeType = source["nativeType"];
	        this.length = source["length"];
	        this.createable = source["createable"];
	        this.updateable = source["updateable"];
	        this.nillable = source["nillable"];
	        this.calculated = source["calculated"];
	        this.required = source["required"];
	        this.externalId = source["externalId"];
	        this.unique = source["unique"];
	        this.custom = source["custom"];
	        this.restrictedPicklist = source["restrictedPicklist"];
	        this.picklist = this.convertValues(source["picklist"], PicklistValue);
	        this.referenceTo = source["referenceTo"];
	        this.relationshipName = source["relationshipName"];
	        this.notFilterable = source["notFilterable"];
	        this.precision = source["precision"];
	        this.scale = source["scale"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace syncer {
	
	export class Budget {
	    used: number;
	    max: number;
	
	    static createFrom(source: any = {}) {
	        return new Budget(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.used = source["used"];
	        this.max = source["max"];
	    }
	}
	export class HeldDeletes {
	    mappingId: string;
	    name: string;
	    deletes: number;
	    links: number;
	    percent: number;
	    maxPercent: number;
	
	    static createFrom(source: any = {}) {
	        return new HeldDeletes(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mappingId = source["mappingId"];
	        this.name = source["name"];
	        this.deletes = source["deletes"];
	        this.links = source["links"];
	        this.percent = source["percent"];
	        this.maxPercent = source["maxPercent"];
	    }
	}
	export class MappingPlan {
	    mappingId: string;
	    name: string;
	    creates: number;
	    updates: number;
	    deletes: number;
	    links: number;
	    matches: number;
	    conflicts: number;
	
	    static createFrom(source: any = {}) {
	        return new MappingPlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mappingId = source["mappingId"];
	        this.name = source["name"];
	        this.creates = source["creates"];
	        this.updates = source["updates"];
	        this.deletes = source["deletes"];
	        this.links = source["links"];
	        this.matches = source["matches"];
	        this.conflicts = source["conflicts"];
	    }
	}
	export class MappingSummary {
	    mappingId: string;
	    name: string;
	    created: number;
	    updated: number;
	    deleted: number;
	    linked: number;
	    unlinked: number;
	    matched: number;
	    failed: number;
	    conflicts: number;
	    apiCalls: number;
	
	    static createFrom(source: any = {}) {
	        return new MappingSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mappingId = source["mappingId"];
	        this.name = source["name"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.deleted = source["deleted"];
	        this.linked = source["linked"];
	        this.unlinked = source["unlinked"];
	        this.matched = source["matched"];
	        this.failed = source["failed"];
	        this.conflicts = source["conflicts"];
	        this.apiCalls = source["apiCalls"];
	    }
	}
	export class SkippedDefinition {
	    kind: string;
	    id: string;
	    name: string;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new SkippedDefinition(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.error = source["error"];
	    }
	}
	export class SocialEstimate {
	    mappingId: string;
	    name: string;
	    records: number;
	    minCalls: {[key: string]: number};
	
	    static createFrom(source: any = {}) {
	        return new SocialEstimate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mappingId = source["mappingId"];
	        this.name = source["name"];
	        this.records = source["records"];
	        this.minCalls = source["minCalls"];
	    }
	}

}


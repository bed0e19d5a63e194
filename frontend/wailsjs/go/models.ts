export namespace app {
	
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

}


// tfjs-layers for test pages, on the page's tfjs-core (an import, mapped like the models' own).
export * from "@tensorflow/tfjs-layers";
